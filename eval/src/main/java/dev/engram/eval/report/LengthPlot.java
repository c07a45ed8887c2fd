package dev.engram.eval.report;

import dev.engram.eval.metric.MetricValue;
import dev.engram.eval.results.ScoredSample;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Word perplexity of the held-out documents by document length, one line per run. Documents are binned
 * by the power of two below their character count, and each bin's perplexity is
 * exp(-sum log-likelihood / sum words) over its documents, the same weighting as the task's score.
 */
final class LengthPlot {
    static final String ID = "perplexity-by-length";
    static final String METRIC = "word_perplexity,none";
    static final String LENGTH_TAG = "characters";
    private static final int LEFT = 64;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 220;
    private static final int BIN_WIDTH = 80;

    private LengthPlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Word perplexity by document length";
        List<TreeMap<Integer, double[]>> bins = runs.stream().map(LengthPlot::bins).toList();
        TreeSet<Integer> allBins = new TreeSet<>();
        bins.forEach(run -> allBins.addAll(run.keySet()));
        if (allBins.isEmpty()) {
            return ReportSection.missing(ID, title, "No run has per-document " + METRIC + " with a "
                    + LENGTH_TAG + " tag; evaluate the perplexity suite with --corpus to get one.");
        }
        List<Integer> order = List.copyOf(allBins);
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (TreeMap<Integer, double[]> run : bins) {
            for (double[] sums : run.values()) {
                double perplexity = perplexity(sums);
                low = Math.min(low, perplexity);
                high = Math.max(high, perplexity);
            }
        }
        int width = LEFT + order.size() * BIN_WIDTH + 20;
        int height = TOP + PLOT_HEIGHT + 50;
        LinearScale y = new LinearScale(Math.max(0, low - (high - low) * 0.1), high + (high - low) * 0.1,
                TOP + PLOT_HEIGHT, TOP);
        Svg svg = new Svg(ID, width, height, title);
        svg.yAxis(y, LEFT, width - LEFT - 10, "word perplexity");
        for (int i = 0; i < order.size(); i++) {
            int bin = order.get(i);
            svg.text(x(i), TOP + PLOT_HEIGHT + 18, "middle", 11, (1L << bin) + "–" + ((1L << (bin + 1)) - 1));
        }
        svg.text(LEFT + (width - LEFT) / 2.0, TOP + PLOT_HEIGHT + 40, "middle", 12, "document length (characters)");

        for (int run = 0; run < runs.size(); run++) {
            TreeMap<Integer, double[]> runBins = bins.get(run);
            double[] xs = new double[runBins.size()];
            double[] ys = new double[runBins.size()];
            int point = 0;
            for (var bin : runBins.entrySet()) {
                xs[point] = x(order.indexOf(bin.getKey()));
                ys[point] = y.map(perplexity(bin.getValue()));
                svg.circle(xs[point], ys[point], 4, Svg.runColour(run), runs.get(run).name() + ": "
                        + Svg.format(perplexity(bin.getValue())) + " over " + (long) bin.getValue()[2] + " documents");
                point++;
            }
            svg.polyline(xs, ys, Svg.runColour(run));
        }
        return new ReportSection(ID, title, svg.finish() + Legend.html(runs), 1);
    }

    private static double x(int index) {
        return LEFT + BIN_WIDTH / 2.0 + index * BIN_WIDTH;
    }

    /** Returns bin (floor of log2 of the length) to {sum log-likelihood, sum words, documents}. */
    private static TreeMap<Integer, double[]> bins(ReportRun run) {
        TreeMap<Integer, double[]> bins = new TreeMap<>();
        for (ScoredSample sample : run.samples()) {
            MetricValue value = sample.metrics().get(METRIC);
            String length = sample.tags().get(LENGTH_TAG);
            if (value == null || length == null) {
                continue;
            }
            int characters = Math.max(1, Integer.parseInt(length));
            double[] sums = bins.computeIfAbsent(31 - Integer.numberOfLeadingZeros(characters), b -> new double[3]);
            sums[0] += value.value();
            sums[1] += value.weight();
            sums[2] += 1;
        }
        return bins;
    }

    private static double perplexity(double[] sums) {
        return Math.exp(-sums[0] / sums[1]);
    }
}
