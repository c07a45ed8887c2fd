package dev.engram.eval.report;

import java.util.List;

/** The HTML legend that maps run colours to run names under a plot. */
final class Legend {
    private Legend() {
    }

    static String html(List<ReportRun> runs) {
        StringBuilder html = new StringBuilder("<p class=\"legend\">");
        for (int run = 0; run < runs.size(); run++) {
            html.append("<span><i style=\"background:").append(Svg.runColour(run)).append("\"></i>")
                    .append(Svg.escape(runs.get(run).name())).append("</span> ");
        }
        return html.append("</p>\n").toString();
    }
}
