package dev.engram.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statistics of the Engram tables a run used, from the table folder's {@code stats.json}: per shard
 * (layer, n-gram order, head) the share of buckets in use and the share of lookups that collide, and the
 * hot-row coverage curve (the share of lookups served by the most-hit rows).
 */
final class TableStatsPlot {
    static final String ID = "table-stats";
    private static final int BAR = 14;
    private static final int GAP = 18;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 180;
    private static final String FILL_COLOUR = "#0072b2";
    private static final String COLLISION_COLOUR = "#d55e00";

    private TableStatsPlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Engram table statistics";
        StringBuilder html = new StringBuilder();
        int plots = 0;
        for (ReportRun run : runs) {
            html.append("<h3>").append(Svg.escape(run.name())).append("</h3>\n");
            JsonNode shards = run.tableStats() == null ? null : run.tableStats().path("shards");
            if (shards == null || !shards.isArray() || shards.isEmpty()) {
                html.append("<p class=\"missing\">").append(Svg.escape(run.tableStats() == null ? run.tableStatsNote()
                        : "stats.json lists no shards.")).append("</p>\n");
                continue;
            }
            html.append("<p>").append(Svg.escape(run.tableStats().path("table").asText(""))).append("</p>\n");
            html.append(shardBars(shards)).append(coverageTable(run.tableStats().path("coverage")));
            plots++;
        }
        return new ReportSection(ID, title, html.toString(), plots);
    }

    private static String shardBars(JsonNode shards) {
        List<JsonNode> list = new ArrayList<>();
        shards.forEach(list::add);
        int groupWidth = 2 * BAR + GAP;
        int width = LEFT + list.size() * groupWidth + 20;
        int height = TOP + PLOT_HEIGHT + 60;
        LinearScale y = new LinearScale(0, 1, TOP + PLOT_HEIGHT, TOP);
        Svg svg = new Svg(ID, width, height, "Bucket fill and collision rate per shard");
        svg.yAxis(y, LEFT, width - LEFT - 10, "share");
        for (int i = 0; i < list.size(); i++) {
            JsonNode shard = list.get(i);
            String label = String.format(Locale.ROOT, "L%d n%d h%d", shard.path("layerId").asInt(),
                    shard.path("order").asInt(), shard.path("head").asInt());
            double x = LEFT + GAP / 2.0 + i * groupWidth;
            double fill = shard.path("fillRatio").asDouble(Double.NaN);
            double collision = shard.path("collisionRate").asDouble(Double.NaN);
            svg.rect(x, y.map(fill), BAR - 1, y.map(0) - y.map(fill), FILL_COLOUR, label + " fill " + Svg.format(fill));
            svg.rect(x + BAR, y.map(collision), BAR - 1, y.map(0) - y.map(collision), COLLISION_COLOUR,
                    label + " collision rate " + Svg.format(collision));
            svg.text(x + BAR, TOP + PLOT_HEIGHT + 16, "middle", 10, label);
        }
        svg.rect(LEFT, height - 22, 10, 10, FILL_COLOUR, null).text(LEFT + 14, height - 13, "start", 11, "fill ratio");
        svg.rect(LEFT + 100, height - 22, 10, 10, COLLISION_COLOUR, null)
                .text(LEFT + 114, height - 13, "start", 11, "collision rate");
        return svg.finish();
    }

    private static String coverageTable(JsonNode coverage) {
        if (!coverage.isArray() || coverage.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table><tr><th>hottest rows</th><th>share of lookups</th></tr>\n");
        for (JsonNode point : coverage) {
            html.append(String.format(Locale.ROOT, "<tr><td>%.2f%%</td><td>%.2f%%</td></tr>%n",
                    100 * point.path("rowShare").asDouble(), 100 * point.path("lookupShare").asDouble()));
        }
        return html.append("</table>\n").toString();
    }
}
