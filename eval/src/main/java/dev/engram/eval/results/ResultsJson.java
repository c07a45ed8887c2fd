package dev.engram.eval.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.metric.Aggregation;
import dev.engram.eval.task.TaskConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes results.json in lm-evaluation-harness's layout: {@code results} (per task {@code alias} and
 * {@code metric,filter} / {@code metric_stderr,filter}, stderr "N/A" where there is none), {@code groups},
 * {@code group_subtasks}, {@code configs}, {@code versions}, {@code n-shot}, {@code higher_is_better},
 * {@code n-samples} ({@code original}, {@code effective}), {@code config} and {@code date} (epoch seconds).
 */
public final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsJson() {
    }

    /**
     * @param tasks    configs of the scored tasks and subtasks, by name
     * @param results  per-task results, subtasks included
     * @param groups   group results, by group name
     * @param original per task, the number of documents before --limit
     * @param config   run settings: model, model sha, seed, bootstrap iterations, limit
     */
    public static ObjectNode build(Map<String, TaskConfig> tasks, List<TaskResult> results, List<TaskResult> groups,
                                   Map<String, Integer> original, Map<String, Object> config, double date) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode resultsNode = root.putObject("results");
        for (TaskResult result : results) {
            putResult(resultsNode, result);
        }
        ObjectNode groupsNode = root.putObject("groups");
        ObjectNode groupSubtasks = root.putObject("group_subtasks");
        for (TaskResult group : groups) {
            putResult(groupsNode, group);
            var subtasks = groupSubtasks.putArray(group.task());
            results.stream().filter(r -> group.task().equals(r.group())).forEach(r -> subtasks.add(r.task()));
        }

        ObjectNode configs = root.putObject("configs");
        ObjectNode versions = root.putObject("versions");
        ObjectNode shots = root.putObject("n-shot");
        ObjectNode higher = root.putObject("higher_is_better");
        ObjectNode samples = root.putObject("n-samples");
        for (TaskResult result : results) {
            TaskConfig task = tasks.get(result.task());
            ObjectNode taskConfig = ((ObjectNode) task.raw().deepCopy()).put("task", task.name());
            if (task.group() != null) {
                taskConfig.put("group", task.group());
            }
            configs.set(task.name(), taskConfig);
            versions.put(task.name(), task.version());
            shots.put(task.name(), task.numFewshot());
            ObjectNode better = higher.putObject(task.name());
            for (String key : result.values().keySet()) {
                String metric = key.substring(0, key.indexOf(','));
                if (!metric.endsWith("_stderr")) {
                    better.put(metric, Aggregation.higherIsBetter(metric));
                }
            }
            ObjectNode counts = samples.putObject(task.name());
            counts.put("original", original.getOrDefault(task.name(), result.samples()));
            counts.put("effective", result.samples());
        }
        root.set("config", JSON.valueToTree(new LinkedHashMap<>(config)));
        root.put("date", date);
        return root;
    }

    private static void putResult(ObjectNode parent, TaskResult result) {
        ObjectNode node = parent.putObject(result.task());
        node.put("alias", result.group() == null ? result.task() : " - " + result.task());
        for (Map.Entry<String, Double> entry : result.values().entrySet()) {
            double value = entry.getValue();
            if (Double.isNaN(value) && entry.getKey().contains("_stderr,")) {
                node.put(entry.getKey(), "N/A");
            } else {
                node.put(entry.getKey(), value);
            }
        }
    }

    /** Reads a results.json written by {@link #build}. */
    public static JsonNode read(java.nio.file.Path file) throws java.io.IOException {
        return JSON.readTree(file.toFile());
    }
}
