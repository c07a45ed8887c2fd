package dev.engram.eval.report;

/**
 * One section of the report.
 *
 * @param id    the section's HTML id and the {@code data-plot} name of its SVGs
 * @param title heading text
 * @param html  the section body: SVG plots, or a paragraph that says why there is no plot
 * @param plots how many SVG plots the body holds
 */
record ReportSection(String id, String title, String html, int plots) {

    static ReportSection missing(String id, String title, String reason) {
        return new ReportSection(id, title, "<p class=\"missing\">" + Svg.escape(reason) + "</p>\n", 0);
    }
}
