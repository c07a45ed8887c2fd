package dev.engram.eval.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Engram gate along a sample text: a line per Engram layer of the gate value at each token, and the
 * text below it with each token shaded by the first layer's gate, so the tokens where the n-gram memory
 * is let into the residual stream stand out.
 */
final class GatePlot {
    static final String ID = "gate";
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 160;
    private static final int STEP = 12;

    private GatePlot() {
    }

    static ReportSection render(List<ReportRun> runs) {
        String title = "Engram gate along a sample text";
        StringBuilder html = new StringBuilder();
        int plots = 0;
        for (ReportRun run : runs) {
            html.append("<h3>").append(Svg.escape(run.name())).append("</h3>\n");
            if (run.gate() == null || run.gate().tokens().isEmpty()) {
                html.append("<p class=\"missing\">Not available: this run did not record the gate along a sample "
                        + "text.</p>\n");
                continue;
            }
            html.append(lines(run.gate())).append(shadedText(run.gate()));
            plots++;
        }
        return new ReportSection(ID, title, html.toString(), plots);
    }

    private static String lines(GateTrace gate) {
        int tokens = gate.tokens().size();
        int width = LEFT + Math.max(tokens, 2) * STEP + 20;
        int height = TOP + PLOT_HEIGHT + 40;
        LinearScale y = new LinearScale(0, 1, TOP + PLOT_HEIGHT, TOP);
        Svg svg = new Svg(ID, width, height, "Engram gate per token");
        svg.yAxis(y, LEFT, width - LEFT - 10, "gate");
        int layerIndex = 0;
        for (Map.Entry<Integer, double[]> layer : new TreeMap<>(gate.gatesByLayer()).entrySet()) {
            double[] xs = new double[tokens];
            double[] ys = new double[tokens];
            for (int t = 0; t < tokens; t++) {
                xs[t] = LEFT + STEP / 2.0 + t * STEP;
                ys[t] = y.map(layer.getValue()[t]);
            }
            svg.polyline(xs, ys, Svg.runColour(layerIndex));
            svg.text(width - 12, TOP + 12 + 14 * layerIndex, "end", 11, "layer " + layer.getKey())
                    .rect(width - 90, TOP + 3 + 14 * layerIndex, 10, 10, Svg.runColour(layerIndex), null);
            layerIndex++;
        }
        svg.text(LEFT + (width - LEFT) / 2.0, height - 8, "middle", 12, "token position");
        return svg.finish();
    }

    private static String shadedText(GateTrace gate) {
        Map.Entry<Integer, double[]> first = new TreeMap<>(gate.gatesByLayer()).firstEntry();
        StringBuilder html = new StringBuilder("<p class=\"gate-text\">");
        for (int t = 0; t < gate.tokens().size(); t++) {
            double value = first.getValue()[t];
            html.append("<span style=\"background:").append(Svg.heatColour(value)).append(value > 0.6 ? ";color:#fff" : "")
                    .append("\" title=\"layer ").append(first.getKey()).append(" gate ").append(Svg.format(value))
                    .append("\">").append(Svg.escape(gate.tokens().get(t))).append("</span>");
        }
        return html.append("</p>\n").toString();
    }
}
