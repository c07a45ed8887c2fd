package dev.engram.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's text and SVG markup, checked without a browser. */
class ReportRenderTest {

    @Test
    void scoreRowsSkipSubtasksOfGroups() throws Exception {
        List<ScoreRow> rows = ScoreRow.read(ReportFixtures.results(0.5, 0.4));

        List<String> suites = rows.stream().map(ScoreRow::suite).distinct().toList();
        assertEquals(List.of("niah", "arc_easy", "perplexity"), suites);
        ScoreRow acc = rows.stream().filter(r -> r.metric().equals("acc,none")).findFirst().orElseThrow();
        assertEquals(0.5, acc.value());
        assertEquals(0.05, acc.stderr());
        ScoreRow perplexity = rows.stream().filter(r -> r.suite().equals("perplexity")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(perplexity.stderr()), "N/A stderr reads as NaN");
    }

    @Test
    void htmlHasEveryPlotOfTwoRuns() throws Exception {
        String html = HtmlReport.render(ReportFixtures.twoRuns(), "2026-01-01T00:00:00Z");

        Map<String, Integer> expected = Map.of("scores", 1, "deltas", 1, "perplexity-by-length", 1, "niah", 2,
                "table-stats", 1, "gate", 1);
        for (Map.Entry<String, Integer> plot : expected.entrySet()) {
            assertEquals(plot.getValue(), count(html, "data-plot=\"" + plot.getKey() + "\""), plot.getKey());
        }
        assertTrue(html.contains("No stats.json: the run&#39;s config names no table folder."), "table stats note");
        assertTrue(html.contains("Not available: this run did not record the gate"), "gate note");
        assertTrue(html.contains(" &lt;on&gt;"), "token text is escaped");
        assertFalse(html.contains("<script"), "the report is static");
    }

    @Test
    void deltaIsSecondRunMinusFirst() throws Exception {
        String html = HtmlReport.render(ReportFixtures.twoRuns(), "now");

        // acc 0.625 - 0.5; error sqrt(0.05^2 + 0.05^2) = 0.07071.
        assertTrue(html.contains("engram − base, arc_easy acc: 0.125 ± 0.07071"), html);
    }

    @Test
    void lengthBinsUseWeightedPerplexity() throws Exception {
        String html = HtmlReport.render(ReportFixtures.twoRuns(), "now");

        // Every fixture document has log-likelihood -3 per word, so each bin's perplexity is e^3 = 20.09.
        assertEquals(8, count(html, ": 20.09 over 1 documents"));
        assertTrue(html.contains(">256–511<"), "bin label of the 300-character document");
    }

    @Test
    void needleCellsAverageSamples() throws Exception {
        String html = HtmlReport.render(ReportFixtures.twoRuns(), "now");

        assertTrue(html.contains("length 512, depth 0.5: 0 over 1 samples"), "depth 0.5 cell");
        assertTrue(html.contains("length 256, depth 1.0: 0.5 over 1 samples"), "second run's cell");
    }

    @Test
    void singleRunExplainsMissingSections() throws Exception {
        ReportRun run = new ReportRun("solo", ReportFixtures.results(0.5, 0.4), List.of(), null,
                "No stats.json: the run's config names no table folder.", null);

        String markdown = MarkdownReport.render(List.of(run), "now");

        assertTrue(markdown.contains("| arc_easy | acc,none | 0.5 ± 0.05 |"), markdown);
        assertTrue(markdown.contains("Model-vs-model differences need two or more runs"), markdown);
        assertTrue(markdown.contains("evaluate the perplexity suite with --corpus"), markdown);
        assertTrue(markdown.contains("solo: No stats.json: the run's config names no table folder."), markdown);
        assertTrue(markdown.contains("solo: Not available: this run did not record the gate"), markdown);
        assertFalse(markdown.contains("## Differences"), "no difference table for one run");
    }

    @Test
    void markdownListsDeltas() throws Exception {
        String markdown = MarkdownReport.render(ReportFixtures.twoRuns(), "now");

        assertTrue(markdown.contains("## Differences against `base`"), markdown);
        assertTrue(markdown.contains("| arc_easy | acc,none | +0.1250 |"), markdown);
        assertTrue(markdown.contains("- Needle in a haystack: accuracy by context length and depth: 2 plot(s)"),
                markdown);
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
