package dev.engram.eval.metric;

/**
 * How per-document values become a task score, with the standard error lm-evaluation-harness reports
 * ({@code lm_eval/api/metrics.py}, {@code stderr_for_metric}): the closed form for means, a bootstrap for
 * {@code perplexity}, and none ("N/A") for the weighted perplexities and bits per byte.
 */
public enum Aggregation {
    /** Mean of the values; stderr = sample standard deviation (n - 1) / sqrt(n). */
    MEAN,
    /** exp(-mean log-likelihood); stderr by bootstrap. */
    PERPLEXITY,
    /** exp(-sum log-likelihood / sum weight), weights being words or bytes; no stderr. */
    WEIGHTED_PERPLEXITY,
    /** -sum log-likelihood / sum bytes / ln 2; no stderr. */
    BITS_PER_BYTE;

    /** Returns the aggregation the harness pairs with a metric name. */
    public static Aggregation of(String metric) {
        return switch (metric) {
            case "perplexity" -> PERPLEXITY;
            case "word_perplexity", "byte_perplexity" -> WEIGHTED_PERPLEXITY;
            case "bits_per_byte" -> BITS_PER_BYTE;
            default -> MEAN;
        };
    }

    /** Returns whether a larger value is better, as the harness's {@code higher_is_better}. */
    public static boolean higherIsBetter(String metric) {
        return Aggregation.of(metric) == MEAN;
    }

    public double aggregate(double[] values, double[] weights) {
        return switch (this) {
            case MEAN -> Statistics.mean(values);
            case PERPLEXITY -> Math.exp(-Statistics.mean(values));
            case WEIGHTED_PERPLEXITY -> Math.exp(-Statistics.sum(values) / Statistics.sum(weights));
            case BITS_PER_BYTE -> -Statistics.sum(values) / Statistics.sum(weights) / Math.log(2);
        };
    }

    /** Returns the standard error, or NaN where the harness reports none. */
    public double stderr(double[] values, int bootstrapIterations) {
        return switch (this) {
            case MEAN -> values.length < 2 ? Double.NaN
                    : Statistics.sampleStddev(values) / Math.sqrt(values.length);
            case PERPLEXITY -> Bootstrap.stderr(sample -> Math.exp(-Statistics.mean(sample)), values,
                    bootstrapIterations);
            case WEIGHTED_PERPLEXITY, BITS_PER_BYTE -> Double.NaN;
        };
    }
}
