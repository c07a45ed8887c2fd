package dev.engram.eval.report;

import java.util.Locale;

/**
 * Writes one inline SVG element. Coordinates are in user units with the origin at the top left, and the
 * element gets explicit {@code width} and {@code height} so that a browser lays it out at that size.
 */
final class Svg {
    /** Colours of the compared runs, in run order: the Okabe-Ito palette, made to survive colour-vision deficiencies. */
    private static final String[] RUN_COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"};

    private final StringBuilder out = new StringBuilder();

    Svg(String plotId, int width, int height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" data-plot=\"").append(escape(plotId))
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
    }

    static String runColour(int run) {
        return RUN_COLOURS[run % RUN_COLOURS.length];
    }

    /** Returns a white-to-blue fill for a share in [0, 1], or grey for NaN, which marks a cell without data. */
    static String heatColour(double share) {
        if (Double.isNaN(share)) {
            return "#dddddd";
        }
        double clamped = Math.max(0, Math.min(1, share));
        int red = (int) Math.round(247 - clamped * (247 - 8));
        int green = (int) Math.round(251 - clamped * (251 - 69));
        int blue = (int) Math.round(255 - clamped * (255 - 148));
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    Svg rect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                x, y, Math.max(0, width), Math.max(0, height), fill));
        if (tooltip != null) {
            out.append("<title>").append(escape(tooltip)).append("</title>");
        }
        out.append("</rect>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
                x1, y1, x2, y2, stroke, strokeWidth));
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String stroke) {
        out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        out.append("\"/>\n");
        return this;
    }

    /** Draws a dashed line through the points, for a series sampled less often than its solid neighbour. */
    Svg dashedPolyline(double[] xs, double[] ys, String stroke) {
        out.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\" stroke=\"")
                .append(stroke).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        out.append("\"/>\n");
        return this;
    }

    Svg circle(double x, double y, double radius, String fill, String tooltip) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>",
                x, y, radius, fill)).append(escape(tooltip)).append("</title></circle>\n");
        return this;
    }

    /** Writes text, anchored by {@code anchor}: {@code start}, {@code middle} or {@code end}. */
    Svg text(double x, double y, String anchor, int size, String text) {
        out.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-family=\"sans-serif\">",
                x, y, anchor, size)).append(escape(text)).append("</text>\n");
        return this;
    }

    /** Writes text turned 90 degrees counter-clockwise about its anchor point, for y-axis titles and long labels. */
    Svg verticalText(double x, double y, String anchor, int size, String text) {
        out.append(String.format(Locale.ROOT,
                "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" text-anchor=\"%s\" font-size=\"%d\" "
                        + "font-family=\"sans-serif\">", x, y, anchor, size)).append(escape(text)).append("</text>\n");
        return this;
    }

    /** Draws a y axis at {@code x} with gridlines across {@code plotWidth} and tick labels on the left. */
    Svg yAxis(LinearScale scale, double x, double plotWidth, String title) {
        for (double tick : scale.ticks(5)) {
            double y = scale.map(tick);
            line(x, y, x + plotWidth, y, "#e5e5e5", 1);
            text(x - 4, y + 4, "end", 11, format(tick));
        }
        line(x, scale.rangeStart(), x, scale.rangeEnd(), "#333333", 1);
        return verticalText(14, (scale.rangeStart() + scale.rangeEnd()) / 2, "middle", 12, title);
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    /** Formats a value with up to four significant digits, the precision the plots can show, without trailing zeros. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "n/a" : Double.toString(value);
        }
        if (value != 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
