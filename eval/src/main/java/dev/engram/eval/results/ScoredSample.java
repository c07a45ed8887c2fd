package dev.engram.eval.results;

import dev.engram.eval.metric.MetricValue;
import java.util.Map;

/**
 * One scored document: the per-sample row written to Parquet and the input of aggregation.
 *
 * @param metrics values keyed {@code metric,filter}
 * @param tags    the item's tags, such as needle context length and depth
 */
public record ScoredSample(String task, int docId, String itemHash, Map<String, MetricValue> metrics,
                           Map<String, String> tags)
        implements java.io.Serializable {
    public ScoredSample {
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
    }
}
