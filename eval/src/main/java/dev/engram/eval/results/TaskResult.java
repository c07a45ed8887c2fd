package dev.engram.eval.results;

import dev.engram.eval.metric.Aggregation;
import dev.engram.eval.metric.MetricValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregated scores of one task: {@code metric,filter} to value and {@code metric_stderr,filter} to its
 * standard error (NaN where the harness reports "N/A").
 */
public record TaskResult(String task, String group, int samples, Map<String, Double> values) {
    public TaskResult {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Aggregates one task's samples; {@code metricKeys} fixes the key order, as listed in the task file. */
    public static TaskResult aggregate(String task, String group, List<String> metricKeys,
                                       List<ScoredSample> samples, int bootstrapIterations) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : metricKeys) {
            String metric = key.substring(0, key.indexOf(','));
            String filter = key.substring(key.indexOf(',') + 1);
            List<MetricValue> column = new ArrayList<>();
            for (ScoredSample sample : samples) {
                MetricValue value = sample.metrics().get(key);
                if (value != null) {
                    column.add(value);
                }
            }
            double[] v = column.stream().mapToDouble(MetricValue::value).toArray();
            double[] w = column.stream().mapToDouble(MetricValue::weight).toArray();
            Aggregation aggregation = Aggregation.of(metric);
            values.put(key, aggregation.aggregate(v, w));
            values.put(metric + "_stderr," + filter, aggregation.stderr(v, bootstrapIterations));
        }
        return new TaskResult(task, group, samples.size(), values);
    }
}
