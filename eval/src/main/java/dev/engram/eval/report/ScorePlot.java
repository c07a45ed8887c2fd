package dev.engram.eval.report;

import dev.engram.eval.metric.Aggregation;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-suite scores of every run as grouped bars with ±1 standard error bars. Only mean metrics (accuracies,
 * exact match, string match) are drawn, because they share the [0, 1] scale; perplexities are in the tables.
 */
final class ScorePlot {
    static final String ID = "scores";
    private static final int BAR = 16;
    private static final int GAP = 22;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 220;
    private static final int LABEL_SPACE = 150;

    private ScorePlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        Map<SuiteKey, double[][]> table = meanMetrics(runs);
        if (table.isEmpty()) {
            return ReportSection.missing(ID, "Scores per suite", "No run has a mean metric such as acc to plot.");
        }
        int groupWidth = runs.size() * BAR + GAP;
        int width = LEFT + table.size() * groupWidth + 20;
        int height = TOP + PLOT_HEIGHT + LABEL_SPACE;
        double top = 1;
        for (double[][] values : table.values()) {
            for (double[] value : values) {
                if (value != null) {
                    top = Math.max(top, value[0] + (Double.isNaN(value[1]) ? 0 : value[1]));
                }
            }
        }
        LinearScale y = new LinearScale(0, top, TOP + PLOT_HEIGHT, TOP);
        Svg svg = new Svg(ID, width, height, "Scores per suite with standard errors");
        svg.yAxis(y, LEFT, width - LEFT - 10, "score");

        int group = 0;
        for (Map.Entry<SuiteKey, double[][]> entry : table.entrySet()) {
            double groupX = LEFT + GAP / 2.0 + group * groupWidth;
            for (int run = 0; run < runs.size(); run++) {
                double[] value = entry.getValue()[run];
                if (value == null) {
                    continue;
                }
                double x = groupX + run * BAR;
                svg.rect(x, y.map(value[0]), BAR - 2, y.map(0) - y.map(value[0]), Svg.runColour(run),
                        runs.get(run).name() + " " + entry.getKey().label() + " = " + Svg.format(value[0])
                                + " ± " + Svg.format(value[1]));
                if (!Double.isNaN(value[1])) {
                    double centre = x + (BAR - 2) / 2.0;
                    svg.line(centre, y.map(value[0] - value[1]), centre, y.map(value[0] + value[1]), "#000000", 1.2);
                }
            }
            svg.verticalText(groupX + runs.size() * BAR / 2.0 + 4, TOP + PLOT_HEIGHT + 6, "end", 11,
                    entry.getKey().label());
            group++;
        }
        return new ReportSection(ID, "Scores per suite", svg.finish() + Legend.html(runs), 1);
    }

    /** Returns {suite, metric} to one {value, stderr} per run (null where the run lacks it), in first-seen order. */
    static Map<SuiteKey, double[][]> meanMetrics(List<ReportRun> runs) {
        Set<SuiteKey> keys = new LinkedHashSet<>();
        List<Map<SuiteKey, double[]>> perRun = runs.stream().map(run -> {
            Map<SuiteKey, double[]> values = new LinkedHashMap<>();
            for (ScoreRow row : ScoreRow.read(run.results())) {
                if (Aggregation.of(row.metricName()) == Aggregation.MEAN) {
                    SuiteKey key = new SuiteKey(row.suite(), row.metric());
                    values.put(key, new double[] {row.value(), row.stderr()});
                    keys.add(key);
                }
            }
            return values;
        }).toList();
        Map<SuiteKey, double[][]> table = new LinkedHashMap<>();
        for (SuiteKey key : keys) {
            double[][] values = new double[runs.size()][];
            for (int run = 0; run < runs.size(); run++) {
                values[run] = perRun.get(run).get(key);
            }
            table.put(key, values);
        }
        return table;
    }
}
