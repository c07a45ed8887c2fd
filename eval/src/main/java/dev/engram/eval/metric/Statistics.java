package dev.engram.eval.metric;

/** Sums, means and standard deviations, as numpy computes them. */
public final class Statistics {
    private Statistics() {
    }

    public static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }

    public static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : sum(values) / values.length;
    }

    /** Returns the standard deviation with n - 1 in the denominator, NaN below two values. */
    public static double sampleStddev(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /**
     * Returns the standard error of a group's size-weighted mean from its subtasks' standard errors, as the
     * harness's {@code pooled_sample_stderr}: sqrt(sum((n_i - 1) * se_i^2 * n_i) / (N - k) / N).
     */
    public static double pooledStderr(double[] stderrs, long[] sizes) {
        double numerator = 0;
        long total = 0;
        for (int i = 0; i < stderrs.length; i++) {
            numerator += (sizes[i] - 1) * stderrs[i] * stderrs[i] * sizes[i];
            total += sizes[i];
        }
        if (total - stderrs.length <= 0) {
            return Double.NaN;
        }
        return Math.sqrt(numerator / (total - stderrs.length) / total);
    }
}
