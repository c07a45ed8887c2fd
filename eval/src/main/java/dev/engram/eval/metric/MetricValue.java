package dev.engram.eval.metric;

/**
 * One document's contribution to a metric.
 *
 * @param value  the per-document value: 0/1 for accuracies, a log-likelihood for perplexities
 * @param weight 1 for means; the word or byte count for the weighted perplexities and bits per byte
 */
public record MetricValue(double value, double weight) implements java.io.Serializable {
}
