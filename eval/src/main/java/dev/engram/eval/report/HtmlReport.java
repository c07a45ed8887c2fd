package dev.engram.eval.report;

import java.util.List;

/**
 * Renders the static HTML report: one self-contained file with inline SVG plots, no scripts and no
 * external resources, so it opens offline and can be attached to a review.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;max-width:1200px;color:#222}
            h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
            table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
            td:first-child,td:nth-child(2),th{text-align:left}
            .missing{color:#777;font-style:italic}.legend span{margin-right:14px;font-size:13px}
            .legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
            .gate-text{font-family:monospace;white-space:pre-wrap;line-height:1.7}
            svg.plot{display:block;margin:8px 0;overflow:visible}
            """;

    private HtmlReport() {
    }

    /** Returns the sections in report order; the Markdown report follows the same order. */
    static List<ReportSection> sections(List<ReportRun> runs) {
        return List.of(ScorePlot.render(runs), DeltaPlot.render(runs), LengthPlot.render(runs),
                NeedlePlot.render(runs), TableStatsPlot.render(runs), GatePlot.render(runs),
                TrainingCurvePlot.render(runs));
    }

    /** Renders the report of one or more runs; the first run is the baseline of the differences. */
    public static String render(List<ReportRun> runs, String generated) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Engram evaluation report</title><style>").append(STYLE).append("</style></head>\n")
                .append("<body>\n<h1>Engram evaluation report</h1>\n<p>Runs: ");
        for (int run = 0; run < runs.size(); run++) {
            html.append(run == 0 ? "" : ", ").append("<b>").append(Svg.escape(runs.get(run).name())).append("</b>");
            String model = runs.get(run).results().path("config").path("model").asText("");
            if (!model.isEmpty()) {
                html.append(" (model ").append(Svg.escape(model)).append(')');
            }
        }
        html.append(". Generated ").append(Svg.escape(generated)).append(".</p>\n");
        html.append("<h2 id=\"table\">Results</h2>\n").append(new ScoreTable(runs).html());
        for (ReportSection section : sections(runs)) {
            html.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(Svg.escape(section.title()))
                    .append("</h2>\n").append(section.html()).append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
