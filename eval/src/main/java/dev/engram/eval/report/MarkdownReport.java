package dev.engram.eval.report;

import java.util.List;
import java.util.Map;

/**
 * Renders report.md: the results table, the differences against the first run, and for each plot of
 * report.html either a pointer to it or the reason it is missing.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(List<ReportRun> runs, String generated) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        StringBuilder md = new StringBuilder("# Engram evaluation report\n\nRuns: ");
        for (int run = 0; run < runs.size(); run++) {
            md.append(run == 0 ? "" : ", ").append('`').append(runs.get(run).name()).append('`');
        }
        md.append(". Generated ").append(generated).append(".\n\n## Results\n\n")
                .append(new ScoreTable(runs).markdown());
        if (runs.size() > 1) {
            md.append("\n## Differences against `").append(runs.getFirst().name()).append("`\n\n")
                    .append(deltaTable(runs));
        }
        md.append("\n## Plots\n\n");
        for (ReportSection section : HtmlReport.sections(runs)) {
            md.append("- ").append(section.title()).append(": ");
            md.append(section.plots() > 0 ? section.plots() + " plot(s) in report.html" : missingReason(section))
                    .append('\n');
        }
        return md.toString();
    }

    private static String deltaTable(List<ReportRun> runs) {
        StringBuilder md = new StringBuilder("| suite | metric |");
        for (ReportRun run : runs.subList(1, runs.size())) {
            md.append(' ').append(ScoreTable.markdownCell(run.name())).append(" |");
        }
        md.append("\n|---|---|").append("---:|".repeat(runs.size() - 1)).append('\n');
        for (Map.Entry<SuiteKey, double[][]> entry : ScorePlot.meanMetrics(runs).entrySet()) {
            double[] base = entry.getValue()[0];
            md.append("| ").append(ScoreTable.markdownCell(entry.getKey().suite())).append(" | ")
                    .append(entry.getKey().metric()).append(" |");
            for (int run = 1; run < runs.size(); run++) {
                double[] other = entry.getValue()[run];
                md.append(' ').append(base == null || other == null ? "–"
                        : String.format(java.util.Locale.ROOT, "%+.4f", other[0] - base[0])).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Returns the text of a section's "missing" paragraphs, without their HTML. */
    private static String missingReason(ReportSection section) {
        String text = section.html().replaceAll("<h3>([^<]*)</h3>", "$1: ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").strip();
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
