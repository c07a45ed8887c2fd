package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.eval.report.ReportRun;
import dev.engram.eval.report.ReportWriter;
import dev.engram.eval.report.TrainingCurve;
import dev.engram.jobs.eval.RunFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the demo's report comparing the baseline and the Engram run, and formats the short summary table
 * the demo prints.
 */
final class DemoReport {
    private static final String TRAIN_LOG = "train-log.jsonl";

    private DemoReport() {
    }

    /**
     * Writes report.html and report.md into {@code folder}, with each run's training curve from the
     * {@code train-log.jsonl} of its model. The trained Engram model keeps its rows in model.safetensors and
     * names no table folder, so the statistics of the tables it started from are attached to its run here.
     */
    static Path write(Path baselineRun, Path baselineModel, Path engramRun, Path engramModel, Path tables,
                      Path folder) throws IOException {
        Path statsFile = tables.resolve(RunFolderReader.TABLE_STATS);
        JsonNode stats = Files.exists(statsFile) ? new ObjectMapper().readTree(statsFile.toFile()) : null;
        String note = stats != null ? null : "No table statistics: " + statsFile + " does not exist.";
        ReportRun baseline = RunFolderReader.read(baselineRun)
                .withTrainingCurve(TrainingCurve.read(baselineModel.resolve(TRAIN_LOG)));
        ReportRun engram = RunFolderReader.read(engramRun)
                .withTableStats(stats, note)
                .withTrainingCurve(TrainingCurve.read(engramModel.resolve(TRAIN_LOG)));
        Files.createDirectories(folder);
        ReportWriter.write(List.of(baseline, engram), folder);
        return folder.resolve(ReportWriter.HTML);
    }

    /**
     * Formats one row per suite and metric: a group's aggregate (such as mmlu over its subtasks) instead
     * of its subtasks, and each task outside a group. Standard errors are left out; report.md has them.
     */
    static String summaryTable(Path baselineRun, Path engramRun) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode baseline = json.readTree(baselineRun.resolve("results.json").toFile());
        JsonNode engram = json.readTree(engramRun.resolve("results.json").toFile());
        Set<String> subtasks = new HashSet<>();
        baseline.path("group_subtasks").forEach(group -> group.forEach(task -> subtasks.add(task.asText())));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"suite", "metric", "baseline", "engram"});
        for (String section : List.of("groups", "results")) {
            for (Iterator<Map.Entry<String, JsonNode>> suites = baseline.path(section).fields(); suites.hasNext(); ) {
                Map.Entry<String, JsonNode> suite = suites.next();
                if (section.equals("results") && subtasks.contains(suite.getKey())) {
                    continue;
                }
                JsonNode other = engram.path(section).path(suite.getKey());
                addMetricRows(suite.getKey(), suite.getValue(), other, rows);
            }
        }
        return markdownTable(rows);
    }

    private static void addMetricRows(String suite, JsonNode baseline, JsonNode engram, List<String[]> rows) {
        for (Iterator<Map.Entry<String, JsonNode>> metrics = baseline.fields(); metrics.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = metrics.next();
            if (!metric.getValue().isNumber() || metric.getKey().contains("stderr")) {
                continue;
            }
            JsonNode other = engram.path(metric.getKey());
            rows.add(new String[] {suite, metric.getKey().replace(",none", ""), format(metric.getValue()),
                    other.isNumber() ? format(other) : "-"});
        }
    }

    /** Formats four decimals, or whole numbers from 1,000 up, where decimals of a perplexity carry no information. */
    private static String format(JsonNode value) {
        double number = value.doubleValue();
        return Math.abs(number) >= 1000 ? String.format(Locale.ROOT, "%.0f", number)
                : String.format(Locale.ROOT, "%.4f", number);
    }

    private static String markdownTable(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            String[] row = rows.get(index);
            table.append('|');
            for (int column = 0; column < row.length; column++) {
                String cell = column < 2 ? String.format("%-" + widths[column] + "s", row[column])
                        : String.format("%" + widths[column] + "s", row[column]);
                table.append(' ').append(cell).append(" |");
            }
            table.append('\n');
            if (index == 0) {
                table.append('|');
                for (int column = 0; column < row.length; column++) {
                    table.append(column < 2 ? " " + "-".repeat(widths[column]) + " |"
                            : " " + "-".repeat(widths[column] - 1) + ": |");
                }
                table.append('\n');
            }
        }
        return table.toString();
    }
}
