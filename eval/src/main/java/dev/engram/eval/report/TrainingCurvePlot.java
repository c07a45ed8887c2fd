package dev.engram.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Training and validation loss against training tokens: one plot with a line per run, solid for the
 * training loss and dashed through the validation passes, so runs trained on the same token budget can be
 * compared step for step.
 */
final class TrainingCurvePlot {
    static final String ID = "training";
    private static final int LEFT = 64;
    private static final int TOP = 16;
    private static final int PLOT_WIDTH = 640;
    private static final int PLOT_HEIGHT = 240;

    private TrainingCurvePlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Training curves";
        List<Integer> withCurve = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            TrainingCurve curve = runs.get(run).trainingCurve();
            if (curve != null && curve.size() > 0) {
                withCurve.add(run);
            }
        }
        if (withCurve.isEmpty()) {
            return ReportSection.missing(ID, title, "Not available: no run has a train-log.jsonl attached, "
                    + "which engram demo adds for the models it trains.");
        }

        double maxTokens = 0;
        double minLoss = Double.POSITIVE_INFINITY;
        double maxLoss = Double.NEGATIVE_INFINITY;
        for (int run : withCurve) {
            TrainingCurve curve = runs.get(run).trainingCurve();
            for (int i = 0; i < curve.size(); i++) {
                maxTokens = Math.max(maxTokens, curve.tokens()[i]);
                for (double value : new double[] {curve.loss()[i], curve.validationLoss()[i]}) {
                    if (Double.isFinite(value)) {
                        minLoss = Math.min(minLoss, value);
                        maxLoss = Math.max(maxLoss, value);
                    }
                }
            }
        }
        LinearScale x = new LinearScale(0, maxTokens, LEFT, LEFT + PLOT_WIDTH);
        LinearScale y = new LinearScale(minLoss, maxLoss, TOP + PLOT_HEIGHT, TOP);
        int width = LEFT + PLOT_WIDTH + 20;
        int height = TOP + PLOT_HEIGHT + 44;
        Svg svg = new Svg(ID, width, height, "Training and validation loss against training tokens");
        svg.yAxis(y, LEFT, PLOT_WIDTH, "loss (nats per token)");
        for (double tick : x.ticks(6)) {
            svg.text(x.map(tick), TOP + PLOT_HEIGHT + 16, "middle", 11, Svg.format(tick));
        }
        svg.text(LEFT + PLOT_WIDTH / 2.0, height - 6, "middle", 12, "training tokens");

        for (int run : withCurve) {
            TrainingCurve curve = runs.get(run).trainingCurve();
            String colour = Svg.runColour(run);
            svg.polyline(map(x, curve.tokens()), map(y, curve.loss()), colour);
            List<double[]> validation = validationPoints(curve);
            if (!validation.isEmpty()) {
                double[] xs = new double[validation.size()];
                double[] ys = new double[validation.size()];
                for (int i = 0; i < validation.size(); i++) {
                    xs[i] = x.map(validation.get(i)[0]);
                    ys[i] = y.map(validation.get(i)[1]);
                    svg.circle(xs[i], ys[i], 3, colour, runs.get(run).name() + " val loss "
                            + Svg.format(validation.get(i)[1]) + " at " + Svg.format(validation.get(i)[0]) + " tokens");
                }
                svg.dashedPolyline(xs, ys, colour);
            }
        }
        String note = "<p>Solid lines: training loss of each step. Dashed lines and dots: validation loss on the "
                + "documents the trainer held out.</p>\n";
        return new ReportSection(ID, title, svg.finish() + Legend.html(runs) + note, 1);
    }

    private static double[] map(LinearScale scale, double[] values) {
        double[] mapped = new double[values.length];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = scale.map(values[i]);
        }
        return mapped;
    }

    private static List<double[]> validationPoints(TrainingCurve curve) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < curve.size(); i++) {
            if (Double.isFinite(curve.validationLoss()[i])) {
                points.add(new double[] {curve.tokens()[i], curve.validationLoss()[i]});
            }
        }
        return points;
    }
}
