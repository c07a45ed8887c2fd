package dev.engram.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Score differences of every run against the first one, per suite and mean metric, as horizontal bars
 * around zero. The error bar is ±sqrt(se_a² + se_b²), the standard error of a difference of two
 * independent means; runs on the same items are correlated, so this overstates the error of a paired
 * comparison.
 */
final class DeltaPlot {
    static final String ID = "deltas";
    private static final int ROW = 18;
    private static final int LEFT = 220;
    private static final int PLOT_WIDTH = 360;
    private static final int TOP = 24;

    private DeltaPlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Differences against " + (runs.isEmpty() ? "the first run" : runs.getFirst().name());
        if (runs.size() < 2) {
            return ReportSection.missing(ID, title, "Model-vs-model differences need two or more runs; "
                    + "pass more run folders to engram report.");
        }
        List<Delta> deltas = new ArrayList<>();
        for (Map.Entry<SuiteKey, double[][]> entry : ScorePlot.meanMetrics(runs).entrySet()) {
            double[] base = entry.getValue()[0];
            for (int run = 1; run < runs.size(); run++) {
                double[] other = entry.getValue()[run];
                if (base != null && other != null) {
                    deltas.add(new Delta(entry.getKey(), run, other[0] - base[0],
                            Math.sqrt(square(base[1]) + square(other[1]))));
                }
            }
        }
        if (deltas.isEmpty()) {
            return ReportSection.missing(ID, title, "The runs share no suite with a mean metric, so there is "
                    + "nothing to compare.");
        }
        double extent = 0.05;
        for (Delta delta : deltas) {
            extent = Math.max(extent, Math.abs(delta.value()) + (Double.isNaN(delta.stderr()) ? 0 : delta.stderr()));
        }
        int height = TOP + deltas.size() * ROW + 30;
        int width = LEFT + PLOT_WIDTH + 20;
        LinearScale x = new LinearScale(-extent, extent, LEFT, LEFT + PLOT_WIDTH);
        Svg svg = new Svg(ID, width, height, title);
        for (double tick : x.ticks(4)) {
            svg.line(x.map(tick), TOP, x.map(tick), height - 26, "#e5e5e5", 1);
            svg.text(x.map(tick), height - 12, "middle", 11, Svg.format(tick));
        }
        svg.line(x.map(0), TOP - 4, x.map(0), height - 26, "#333333", 1);
        for (int i = 0; i < deltas.size(); i++) {
            Delta delta = deltas.get(i);
            double y = TOP + i * ROW;
            double start = Math.min(x.map(0), x.map(delta.value()));
            svg.rect(start, y + 2, Math.abs(x.map(delta.value()) - x.map(0)), ROW - 5, Svg.runColour(delta.run()),
                    runs.get(delta.run()).name() + " − " + runs.getFirst().name() + ", " + delta.key().label()
                            + ": " + Svg.format(delta.value()) + " ± " + Svg.format(delta.stderr()));
            if (!Double.isNaN(delta.stderr())) {
                double centre = y + ROW / 2.0 - 1;
                svg.line(x.map(delta.value() - delta.stderr()), centre, x.map(delta.value() + delta.stderr()), centre,
                        "#000000", 1.2);
            }
            svg.text(LEFT - 6, y + ROW - 5, "end", 11, runs.get(delta.run()).name() + ": " + delta.key().label());
        }
        return new ReportSection(ID, title, svg.finish() + Legend.html(runs), 1);
    }

    private static double square(double value) {
        return Double.isNaN(value) ? 0 : value * value;
    }

    private record Delta(SuiteKey key, int run, double value, double stderr) {
    }
}
