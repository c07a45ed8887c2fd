package dev.engram.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One suite's value of one metric, read from results.json.
 *
 * @param suite  a group name, or a task that belongs to no group
 * @param metric the results.json key, such as {@code acc,none}
 * @param stderr the standard error, NaN where results.json has "N/A"
 */
public record ScoreRow(String suite, String metric, double value, double stderr) {

    /** Returns the metric name without its filter: {@code acc} for {@code acc,none}. */
    public String metricName() {
        return metric.substring(0, metric.indexOf(','));
    }

    /**
     * Reads the per-suite rows of a results.json: groups first, then tasks outside any group, since a
     * group such as mmlu stands for its many subtasks.
     */
    public static List<ScoreRow> read(JsonNode results) {
        Set<String> grouped = new HashSet<>();
        for (JsonNode subtasks : results.path("group_subtasks")) {
            subtasks.forEach(subtask -> grouped.add(subtask.asText()));
        }
        List<ScoreRow> rows = new ArrayList<>();
        addRows(rows, results.path("groups"), Set.of());
        addRows(rows, results.path("results"), grouped);
        return rows;
    }

    private static void addRows(List<ScoreRow> rows, JsonNode suites, Set<String> skip) {
        for (Map.Entry<String, JsonNode> suite : suites.properties()) {
            if (skip.contains(suite.getKey())) {
                continue;
            }
            for (Map.Entry<String, JsonNode> field : suite.getValue().properties()) {
                String key = field.getKey();
                int comma = key.indexOf(',');
                if (comma < 0 || key.substring(0, comma).endsWith("_stderr") || !field.getValue().isNumber()) {
                    continue;
                }
                String stderrKey = key.substring(0, comma) + "_stderr" + key.substring(comma);
                JsonNode stderr = suite.getValue().path(stderrKey);
                rows.add(new ScoreRow(suite.getKey(), key, field.getValue().doubleValue(),
                        stderr.isNumber() ? stderr.doubleValue() : Double.NaN));
            }
        }
    }
}
