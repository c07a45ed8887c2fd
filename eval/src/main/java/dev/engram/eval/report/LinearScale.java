package dev.engram.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values in {@code [min, max]} linearly onto pixels in {@code [rangeStart, rangeEnd]}. For a y axis
 * {@code rangeStart} is the bottom pixel, so larger values sit higher.
 */
record LinearScale(double min, double max, double rangeStart, double rangeEnd) {
    LinearScale {
        if (!(max > min)) {
            // A flat series still needs an axis, so widen it symmetrically around the value.
            double pad = min == 0 || Double.isNaN(min) ? 1 : Math.abs(min) * 0.1;
            double centre = Double.isNaN(min) ? 0 : min;
            min = centre - pad;
            max = centre + pad;
        }
    }

    double map(double value) {
        return rangeStart + (value - min) / (max - min) * (rangeEnd - rangeStart);
    }

    /** Returns about {@code count} round tick values (steps of 1, 2 or 5 times a power of ten) inside the domain. */
    List<Double> ticks(int count) {
        double rough = (max - min) / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude;
        for (double factor : new double[] {1, 2, 5, 10}) {
            step = factor * magnitude;
            if (step >= rough) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
            // Rounding to the step removes float drift such as 0.30000000000000004.
            ticks.add(Math.round(tick / step) * step);
        }
        return ticks;
    }
}
