package dev.engram.eval.results;

import dev.engram.eval.metric.Aggregation;
import dev.engram.eval.metric.Statistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines subtask results into a group score the way the harness does for MMLU: means weighted by subtask
 * size, standard errors pooled ({@link Statistics#pooledStderr}). Only mean metrics are combined, because
 * perplexities of different subtasks do not average meaningfully.
 */
public final class GroupResult {
    private GroupResult() {
    }

    public static TaskResult combine(String group, List<TaskResult> subtasks) {
        Map<String, Double> values = new LinkedHashMap<>();
        int samples = subtasks.stream().mapToInt(TaskResult::samples).sum();
        for (String key : subtasks.getFirst().values().keySet()) {
            String metric = key.substring(0, key.indexOf(','));
            if (metric.endsWith("_stderr") || Aggregation.of(metric) != Aggregation.MEAN) {
                continue;
            }
            String stderrKey = metric + "_stderr" + key.substring(key.indexOf(','));
            double weighted = 0;
            double[] stderrs = new double[subtasks.size()];
            long[] sizes = new long[subtasks.size()];
            for (int i = 0; i < subtasks.size(); i++) {
                TaskResult subtask = subtasks.get(i);
                weighted += subtask.values().getOrDefault(key, Double.NaN) * subtask.samples();
                stderrs[i] = subtask.values().getOrDefault(stderrKey, Double.NaN);
                sizes[i] = subtask.samples();
            }
            values.put(key, weighted / samples);
            values.put(stderrKey, Statistics.pooledStderr(stderrs, sizes));
        }
        return new TaskResult(group, null, samples, values);
    }
}
