package dev.engram.eval;

import dev.engram.eval.metric.SampleMetrics;
import dev.engram.eval.request.EvalItem;
import dev.engram.eval.request.TaskItems;
import dev.engram.eval.results.GroupResult;
import dev.engram.eval.results.ScoredSample;
import dev.engram.eval.results.TaskResult;
import dev.engram.eval.score.ItemScore;
import dev.engram.eval.score.ItemScorer;
import dev.engram.eval.task.MetricSpec;
import dev.engram.eval.task.TaskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scores tasks in one JVM and aggregates them; the Spark job runs the same steps per partition. */
public final class Evaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private Evaluation() {
    }

    /** Scores the items of one task and returns a per-sample row for each. */
    public static List<ScoredSample> score(TaskConfig task, List<EvalItem> items, ItemScorer scorer) {
        long start = System.nanoTime();
        List<ItemScore> scores = scorer.score(items, task.outputType().fileName(), task.generation());
        List<ScoredSample> samples = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            EvalItem item = items.get(i);
            samples.add(new ScoredSample(task.name(), item.docId(), item.hash(),
                    SampleMetrics.compute(task, item, scores.get(i)), item.tags()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Scored task {}: {} items in {} s ({} items/s)", task.name(), items.size(),
                String.format("%.2f", seconds), String.format("%.1f", items.size() / Math.max(seconds, 1e-9)));
        return samples;
    }

    /** Returns the {@code metric,filter} keys a task reports, in task-file order. */
    public static List<String> metricKeys(TaskConfig task) {
        List<String> keys = new ArrayList<>();
        for (String filter : task.filterNames()) {
            for (MetricSpec metric : task.metrics()) {
                keys.add(metric.name() + "," + filter);
            }
        }
        return keys;
    }

    /** Aggregates samples per task, and per group where tasks name one. */
    public static Aggregated aggregate(List<TaskItems> tasks, Map<String, List<ScoredSample>> samplesByTask,
                                       int bootstrapIterations) {
        List<TaskResult> results = new ArrayList<>();
        Map<String, List<TaskResult>> byGroup = new LinkedHashMap<>();
        for (TaskItems taskItems : tasks) {
            TaskConfig task = taskItems.task();
            TaskResult result = TaskResult.aggregate(task.name(), task.group(), metricKeys(task),
                    samplesByTask.getOrDefault(task.name(), List.of()), bootstrapIterations);
            results.add(result);
            if (task.group() != null) {
                byGroup.computeIfAbsent(task.group(), g -> new ArrayList<>()).add(result);
            }
        }
        List<TaskResult> groups = new ArrayList<>();
        byGroup.forEach((group, members) -> groups.add(GroupResult.combine(group, members)));
        return new Aggregated(results, groups);
    }

    /** Task and group results of a run. */
    public record Aggregated(List<TaskResult> tasks, List<TaskResult> groups) {
    }
}
