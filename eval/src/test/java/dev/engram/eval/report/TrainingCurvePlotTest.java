package dev.engram.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-log.jsonl parsing and the training-curve section of the report. */
class TrainingCurvePlotTest {

    @TempDir
    Path folder;

    @Test
    void readKeepsValidationGapsAsNaN() throws Exception {
        Path log = folder.resolve("train-log.jsonl");
        Files.writeString(log, """
                {"step":1,"tokens":1024,"loss":8.1,"val_loss":null,"lr":0.001}
                {"step":2,"tokens":2048,"loss":7.5,"val_loss":7.25,"lr":0.002}

                """);

        TrainingCurve curve = TrainingCurve.read(log);

        assertEquals(2, curve.size());
        assertEquals(2048.0, curve.tokens()[1]);
        assertEquals(8.1, curve.loss()[0]);
        assertTrue(Double.isNaN(curve.validationLoss()[0]), "null val_loss reads as NaN");
        assertEquals(7.25, curve.validationLoss()[1]);
    }

    @Test
    void readRejectsLineWithoutLoss() throws Exception {
        Path log = folder.resolve("train-log.jsonl");
        Files.writeString(log, "{\"step\":1,\"tokens\":1024}\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrainingCurve.read(log));

        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void plotDrawsLossAndValidationPerRun() throws Exception {
        TrainingCurve base = new TrainingCurve(new double[] {100, 200, 300}, new double[] {6, 5, 4},
                new double[] {Double.NaN, 5.5, 4.5});
        TrainingCurve engram = new TrainingCurve(new double[] {100, 200, 300}, new double[] {6, 4.5, 3.5},
                new double[] {Double.NaN, Double.NaN, 4.0});
        List<ReportRun> runs = ReportFixtures.twoRuns();
        List<ReportRun> withCurves = List.of(runs.get(0).withTrainingCurve(base), runs.get(1).withTrainingCurve(engram));

        String html = HtmlReport.render(withCurves, "now");

        assertEquals(1, count(html, "data-plot=\"training\""), "one training plot");
        assertEquals(2, count(html, "stroke-dasharray"), "one dashed validation line per run");
        assertTrue(html.contains("base val loss 5.5 at 200 tokens"), "validation point tooltip");
        assertTrue(html.contains("engram val loss 4 at 300 tokens"), "second run's validation point");
        assertTrue(html.contains("training tokens"), "x axis title");
    }

    @Test
    void markdownSaysWhenNoCurveIsAttached() throws Exception {
        String markdown = MarkdownReport.render(ReportFixtures.twoRuns(), "now");

        assertTrue(markdown.contains("Training curves: Not available: no run has a train-log.jsonl attached"),
                markdown);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
