package dev.engram.jobs.eval;

import dev.engram.eval.Evaluation;
import dev.engram.eval.request.EvalItem;
import dev.engram.eval.results.ScoredSample;
import dev.engram.eval.task.TaskConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition of work items on an executor: borrows a model copy, scores the items task by
 * task (so each task's log-likelihood requests batch together), writes the rows to a new cache file and
 * returns them. Only strings and serializable records are captured, because Spark ships this object.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<WorkItem>, CachedSample> {
    private final String modelFolder;
    private final CodecKind codec;
    private final String modelSha;
    private final Map<String, TaskSource> tasks;
    private final String cacheFolder;
    private final LongAccumulator scored;

    PartitionScorer(String modelFolder, CodecKind codec, String modelSha, Map<String, TaskSource> tasks,
                    String cacheFolder, LongAccumulator scored) {
        this.modelFolder = modelFolder;
        this.codec = codec;
        this.modelSha = modelSha;
        this.tasks = new java.util.HashMap<>(tasks);
        this.cacheFolder = cacheFolder;
        this.scored = scored;
    }

    @Override
    public Iterator<CachedSample> call(Iterator<WorkItem> partition) throws Exception {
        Map<String, List<WorkItem>> byTask = new LinkedHashMap<>();
        partition.forEachRemaining(work -> byTask.computeIfAbsent(work.item().task(), t -> new ArrayList<>()).add(work));
        if (byTask.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        List<CachedSample> rows = new ArrayList<>();
        ExecutorModels.Loaded model = ExecutorModels.borrow(modelFolder, codec);
        try {
            for (Map.Entry<String, List<WorkItem>> entry : byTask.entrySet()) {
                TaskConfig task = tasks.get(entry.getKey()).load();
                List<EvalItem> items = entry.getValue().stream().map(WorkItem::item).toList();
                List<ScoredSample> samples = Evaluation.score(task, items, model.scorer());
                for (int i = 0; i < samples.size(); i++) {
                    rows.add(new CachedSample(entry.getValue().get(i).cacheKey(), modelSha, task.version(),
                            samples.get(i)));
                }
            }
        } finally {
            ExecutorModels.release(model);
        }
        SampleParquet.writeAtomically(ScoreCache.newPartFile(Path.of(cacheFolder)), rows);
        scored.add(rows.size());
        return rows.iterator();
    }
}
