package dev.engram.eval.report;

import dev.engram.eval.metric.MetricValue;
import dev.engram.eval.results.ScoredSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Needle-in-a-haystack accuracy of each run as a heatmap: context length (tokens) across, needle depth
 * (0 = start of the haystack, 1 = end) down. A cell is the mean over every needle task of the run, so
 * RULER's variants are pooled, of each sample's alphabetically first metric key ({@code string_match_all,none}
 * for the built-in needle suites).
 */
final class NeedlePlot {
    static final String ID = "niah";
    static final String LENGTH_TAG = "context_length";
    static final String DEPTH_TAG = "depth";
    private static final int CELL_WIDTH = 64;
    private static final int CELL_HEIGHT = 28;
    private static final int LEFT = 70;
    private static final int TOP = 34;

    private NeedlePlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Needle in a haystack: accuracy by context length and depth";
        StringBuilder html = new StringBuilder();
        int plots = 0;
        List<String> without = new ArrayList<>();
        for (ReportRun run : runs) {
            TreeMap<Integer, TreeMap<Double, double[]>> cells = cells(run);
            if (cells.isEmpty()) {
                without.add(run.name());
                continue;
            }
            html.append(heatmap(run.name(), cells));
            plots++;
        }
        if (plots == 0) {
            return ReportSection.missing(ID, title, "No run has needle-in-a-haystack samples; evaluate a niah_* "
                    + "suite with --corpus to get them.");
        }
        if (!without.isEmpty()) {
            html.append("<p class=\"missing\">No needle samples in ").append(Svg.escape(String.join(", ", without)))
                    .append(".</p>\n");
        }
        return new ReportSection(ID, title, html.toString(), plots);
    }

    private static String heatmap(String runName, TreeMap<Integer, TreeMap<Double, double[]>> cells) {
        List<Integer> lengths = List.copyOf(cells.keySet());
        List<Double> depths = cells.values().stream().flatMap(byDepth -> byDepth.keySet().stream())
                .distinct().sorted().toList();
        int width = LEFT + lengths.size() * CELL_WIDTH + 20;
        int height = TOP + depths.size() * CELL_HEIGHT + 40;
        Svg svg = new Svg(ID, width, height, runName + ": needle accuracy");
        svg.text(LEFT, 16, "start", 13, runName);
        for (int column = 0; column < lengths.size(); column++) {
            for (int row = 0; row < depths.size(); row++) {
                double[] sums = cells.get(lengths.get(column)).get(depths.get(row));
                double accuracy = sums == null ? Double.NaN : sums[0] / sums[1];
                double x = LEFT + column * CELL_WIDTH;
                double y = TOP + row * CELL_HEIGHT;
                svg.rect(x, y, CELL_WIDTH - 2, CELL_HEIGHT - 2, Svg.heatColour(accuracy), "length "
                        + lengths.get(column) + ", depth " + depths.get(row) + ": " + Svg.format(accuracy)
                        + (sums == null ? "" : " over " + (long) sums[1] + " samples"));
                svg.text(x + CELL_WIDTH / 2.0, y + CELL_HEIGHT / 2.0 + 4, "middle", 11, Double.isNaN(accuracy) ? "–"
                        : String.format(java.util.Locale.ROOT, "%.2f", accuracy));
            }
            svg.text(LEFT + column * CELL_WIDTH + CELL_WIDTH / 2.0, TOP + depths.size() * CELL_HEIGHT + 14, "middle",
                    11, Integer.toString(lengths.get(column)));
        }
        for (int row = 0; row < depths.size(); row++) {
            svg.text(LEFT - 6, TOP + row * CELL_HEIGHT + CELL_HEIGHT / 2.0 + 4, "end", 11,
                    Svg.format(depths.get(row)));
        }
        svg.text(LEFT + lengths.size() * CELL_WIDTH / 2.0, height - 6, "middle", 12, "context length (tokens)");
        svg.verticalText(14, TOP + depths.size() * CELL_HEIGHT / 2.0, "middle", 12, "depth");
        return svg.finish();
    }

    /** Returns context length to depth to {sum of values, samples}. */
    private static TreeMap<Integer, TreeMap<Double, double[]>> cells(ReportRun run) {
        TreeMap<Integer, TreeMap<Double, double[]>> cells = new TreeMap<>();
        for (ScoredSample sample : run.samples()) {
            String length = sample.tags().get(LENGTH_TAG);
            String depth = sample.tags().get(DEPTH_TAG);
            if (length == null || depth == null || sample.metrics().isEmpty()) {
                continue;
            }
            MetricValue value = sample.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .findFirst().orElseThrow().getValue();
            double[] sums = cells.computeIfAbsent(Integer.parseInt(length), l -> new TreeMap<>())
                    .computeIfAbsent(Double.parseDouble(depth), d -> new double[2]);
            sums[0] += value.value();
            sums[1] += 1;
        }
        return cells;
    }
}
