package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.Evaluation;
import dev.engram.eval.request.EvalItem;
import dev.engram.eval.request.SuiteResolver;
import dev.engram.eval.request.TaskItems;
import dev.engram.eval.results.ResultsJson;
import dev.engram.eval.results.ScoredSample;
import dev.engram.eval.synth.Corpus;
import dev.engram.eval.task.TaskConfig;
import dev.engram.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code engram eval} as a Spark job:
 *
 * <pre>
 * driver: suites --SuiteResolver--> items --minus cached keys--> pending work items
 * executors: partitions of work items --ExecutorModels copy, Evaluation.score--> samples
 *            --each task writes cache/part-*.parquet--> samples back to the driver
 * driver: cached + new samples --Evaluation.aggregate--> results.json, samples.parquet --> publish
 * </pre>
 *
 * The driver builds items; executors load the model once per JVM and task slot. For an Engram model the
 * driver also loads it once at the end to record the gate trace of a sample text ({@code gate.json}).
 */
public final class EvalJob {
    public static final String RESULTS = "results.json";
    public static final String SAMPLES = "samples.parquet";
    private static final Logger LOG = LoggerFactory.getLogger(EvalJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalJob() {
    }

    public static EvalSummary run(SparkSession spark, EvalSettings settings) throws IOException {
        long start = System.nanoTime();
        Path model = settings.model().toAbsolutePath().normalize();
        ModelIdentity identity = ModelIdentity.inspect(model);
        ModelConfig config = ModelConfig.read(model.resolve("config.json"));
        CodecKind codec = settings.codec().resolve(model);
        List<TaskItems> tasks = buildItems(settings, model, codec, config.vocabSize());
        int itemCount = tasks.stream().mapToInt(task -> task.items().size()).sum();
        LOG.info("Evaluating model {} (sha256 {}) on {} tasks, {} items, codec {}", model, identity.modelSha(),
                tasks.size(), itemCount, codec);

        RunPublisher publisher = new RunPublisher(settings.out());
        Path cacheFolder = publisher.staging().resolve(ScoreCache.FOLDER);
        Files.createDirectories(cacheFolder);
        Map<String, CachedSample> cached = ScoreCache.read(publisher.cacheFolders());
        List<WorkItem> pending = pending(tasks, identity.modelSha(), cached);

        double scoreSeconds = 0;
        if (!pending.isEmpty()) {
            long scoreStart = System.nanoTime();
            for (CachedSample row : score(spark, settings, model, codec, identity.modelSha(), tasks, pending,
                    cacheFolder)) {
                cached.put(row.cacheKey(), row);
            }
            scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
        }
        int cachedCount = itemCount - pending.size();
        LOG.info("Scored {} items in {} s ({} items/s); {} items came from the cache", pending.size(),
                String.format("%.2f", scoreSeconds), String.format("%.1f", pending.size()
                        / Math.max(scoreSeconds, 1e-9)), cachedCount);

        ObjectNode results = writeResults(settings, identity, codec, tasks, cached, publisher.staging());
        GateTraceWriter.write(model, codec, config, settings.corpus(), publisher.staging());
        publisher.publish();
        LOG.info("Evaluation finished: {} items, run folder {}, {} s total", itemCount, publisher.target(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new EvalSummary(itemCount, cachedCount, pending.size(), scoreSeconds, results);
    }

    private static List<TaskItems> buildItems(EvalSettings settings, Path model, CodecKind codec, int vocabSize)
            throws IOException {
        List<TaskConfig> configs = new ArrayList<>();
        for (String suite : settings.suites()) {
            TaskConfig task = SuiteResolver.load(suite);
            configs.add(settings.seed() == null ? task : TaskSeeds.override(task, settings.seed()));
        }
        Corpus corpus = settings.corpus() == null ? null : Corpus.read(settings.corpus());
        try (CodecKind.Opened opened = codec.open(model, vocabSize)) {
            return new SuiteResolver(settings.benchmarks(), corpus, opened.codec(), settings.limit())
                    .resolveConfigs(configs);
        }
    }

    /** Returns the items without a cached score, each once even if two tasks share it, in task order. */
    private static List<WorkItem> pending(List<TaskItems> tasks, String modelSha, Map<String, CachedSample> cached) {
        List<WorkItem> pending = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TaskItems task : tasks) {
            for (EvalItem item : task.items()) {
                String key = CachedSample.key(modelSha, task.task().version(), item.hash());
                if (!cached.containsKey(key) && seen.add(key)) {
                    pending.add(new WorkItem(key, item));
                }
            }
        }
        return pending;
    }

    private static List<CachedSample> score(SparkSession spark, EvalSettings settings, Path model, CodecKind codec,
                                            String modelSha, List<TaskItems> tasks, List<WorkItem> pending,
                                            Path cacheFolder) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(Math.min(pending.size(), context.defaultParallelism()),
                (pending.size() + settings.itemsPerPartition() - 1) / settings.itemsPerPartition());
        Map<String, TaskSource> sources = new HashMap<>();
        tasks.forEach(task -> sources.put(task.task().name(), TaskSource.of(task.task())));
        LongAccumulator scored = spark.sparkContext().longAccumulator("eval items scored");
        PartitionScorer scorer = new PartitionScorer(model.toString(), codec, modelSha, sources,
                cacheFolder.toString(), scored);
        LOG.info("Scoring {} items in {} partitions", pending.size(), partitions);
        EvalProgress progress = new EvalProgress(scored, pending.size());
        try {
            return context.parallelize(pending, partitions).mapPartitions(scorer).collect();
        } finally {
            progress.close();
        }
    }

    private static ObjectNode writeResults(EvalSettings settings, ModelIdentity identity, CodecKind codec,
                                           List<TaskItems> tasks, Map<String, CachedSample> scores, Path folder)
            throws IOException {
        Map<String, List<ScoredSample>> samplesByTask = new LinkedHashMap<>();
        Map<String, TaskConfig> configs = new LinkedHashMap<>();
        List<CachedSample> rows = new ArrayList<>();
        for (TaskItems task : tasks) {
            configs.put(task.task().name(), task.task());
            List<ScoredSample> samples = new ArrayList<>();
            for (EvalItem item : task.items()) {
                String key = CachedSample.key(identity.modelSha(), task.task().version(), item.hash());
                CachedSample score = scores.get(key);
                if (score == null) {
                    throw new IllegalStateException("no score for task " + task.task().name() + " document "
                            + item.docId() + " after scoring; the cache folder may have been changed during the run");
                }
                // A cached score may come from the same item at another position, so position and tags are the item's.
                ScoredSample sample = new ScoredSample(task.task().name(), item.docId(), item.hash(),
                        score.sample().metrics(), item.tags());
                samples.add(sample);
                rows.add(new CachedSample(key, identity.modelSha(), task.task().version(), sample));
            }
            samplesByTask.put(task.task().name(), samples);
        }
        Evaluation.Aggregated aggregated = Evaluation.aggregate(tasks, samplesByTask, settings.bootstrapIterations());
        // Limitation: n-samples.original equals effective under --limit, because items are built only for
        // the documents kept.
        ObjectNode results = ResultsJson.build(configs, aggregated.tasks(), aggregated.groups(), Map.of(),
                runConfig(settings, identity, codec), System.currentTimeMillis() / 1000.0);
        Files.writeString(folder.resolve(RESULTS), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        rows.sort(Comparator.comparing((CachedSample row) -> row.sample().task())
                .thenComparingInt(row -> row.sample().docId()));
        SampleParquet.writeAtomically(folder.resolve(SAMPLES), rows);
        return results;
    }

    private static Map<String, Object> runConfig(EvalSettings settings, ModelIdentity identity, CodecKind codec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", settings.model().toString());
        config.put("model_sha256", identity.modelSha());
        config.put("tokenizer_sha256", identity.tokenizerSha());
        config.put("table_dir", identity.tableDir() == null ? null : identity.tableDir().toString());
        config.put("codec", codec.name().toLowerCase(java.util.Locale.ROOT));
        config.put("suites", settings.suites());
        config.put("limit", settings.limit() == 0 ? null : settings.limit());
        config.put("corpus", settings.corpus() == null ? null : settings.corpus().toString());
        config.put("seed", settings.seed());
        config.put("bootstrap_iters", settings.bootstrapIterations());
        return config;
    }
}
