package dev.engram.cli;

import dev.engram.jobs.eval.CodecKind;
import dev.engram.jobs.eval.EvalJob;
import dev.engram.jobs.eval.EvalSettings;
import dev.engram.jobs.eval.EvalSummary;
import dev.engram.jobs.SparkSessions;
import dev.engram.model.ModelConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench eval}: multiple-choice items per second of the Spark eval job on local[1] and
 * local[2], and their ratio. Items are random token ids, so any model runs them without a tokenizer.
 * Each round scores into a fresh run folder, so nothing comes from the cache, and the time is the Spark
 * scoring job alone: item building, results.json and publishing are left out.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Measures multiple-choice scoring throughput of engram eval on local[1] and local[2] Spark and "
                + "prints items/s for each and the scaling ratio (goal: at least 1.7).")
final class EvalBenchCommand implements Callable<Integer> {
    private static final int CHOICES = 4;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder to score with.")
    Path model;

    @Option(names = "--items", defaultValue = "800", paramLabel = "N",
            description = "Multiple-choice items per round. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--prompt-tokens", defaultValue = "48", paramLabel = "N",
            description = "Prompt length in tokens, capped so prompt and choice fit the model's context. "
                    + "Default: ${DEFAULT-VALUE}.")
    int promptTokens;

    @Option(names = "--items-per-partition", defaultValue = "25", paramLabel = "N",
            description = "Items per Spark task; many small tasks keep both cores busy to the end. "
                    + "Default: ${DEFAULT-VALUE}.")
    int itemsPerPartition;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Discarded rounds per core count, which also load the executor model copies. "
                    + "Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Measured rounds per core count; the median is reported. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined()) {
            throw new IllegalArgumentException("engram bench eval starts its own local[1] and local[2] sessions; "
                    + "stop the running Spark session first");
        }
        if (items < 1 || rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--items and --rounds must be at least 1 and --warmup at least 0, got "
                    + items + ", " + rounds + " and " + warmup);
        }
        ModelConfig config = ModelConfig.read(model.resolve("config.json"));
        Path work = Files.createTempDirectory("engram-bench-eval");
        Path task = writeTask(work, config);

        PrintWriter out = spec.commandLine().getOut();
        double[] perSecond = new double[2];
        for (int cores = 1; cores <= 2; cores++) {
            perSecond[cores - 1] = itemsPerSecond(cores, task, work);
            out.printf(Locale.ROOT, "eval multiple_choice local[%d]: %.1f items/s (%d items, %d choices, %d-token "
                    + "prompts, median of %d rounds)%n", cores, perSecond[cores - 1], items, CHOICES,
                    Math.min(promptTokens, config.maxSeqLen() - 4), rounds);
        }
        out.printf(Locale.ROOT, "scaling local[2] / local[1]: %.2fx (goal >= 1.7x); %d processors, load average %s%n",
                perSecond[1] / perSecond[0], Runtime.getRuntime().availableProcessors(), loadAverage());
        out.flush();
        return 0;
    }

    private double itemsPerSecond(int cores, Path task, Path work) throws IOException {
        double[] seconds = new double[rounds];
        try (SparkSessions.Handle session = SparkSessions.startOn("engram bench eval", "local[" + cores + "]")) {
            for (int round = -warmup; round < rounds; round++) {
                Path out = work.resolve("run-" + cores + "-" + (round + warmup));
                EvalSummary summary = EvalJob.run(session.spark(), new EvalSettings(model, List.of(task.toString()),
                        out, 0, null, null, work, CodecKind.IDS, 2, itemsPerPartition));
                if (round >= 0) {
                    seconds[round] = summary.scoreSeconds();
                }
            }
        }
        Arrays.sort(seconds);
        double median = rounds % 2 == 1 ? seconds[rounds / 2] : (seconds[rounds / 2 - 1] + seconds[rounds / 2]) / 2;
        return items / median;
    }

    /** Writes a task file of random id-level items; the seed is fixed so every round scores the same work. */
    private Path writeTask(Path work, ModelConfig config) throws IOException {
        int vocab = config.vocabSize();
        int promptLength = Math.max(1, Math.min(promptTokens, config.maxSeqLen() - 4));
        Random random = new Random(1);
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < items; i++) {
            documents.append("{\"prompt\": \"").append(ids(random, promptLength, vocab)).append("\", \"options\": [");
            for (int choice = 0; choice < CHOICES; choice++) {
                documents.append(choice == 0 ? "\"" : ", \"").append(ids(random, 1 + random.nextInt(3), vocab))
                        .append('"');
            }
            documents.append("], \"gold\": ").append(random.nextInt(CHOICES)).append("}\n");
        }
        Files.writeString(work.resolve("bench_items.jsonl"), documents);
        Path task = work.resolve("bench_choice.yaml");
        Files.writeString(task, """
                task: bench_choice
                version: "1"
                output_type: multiple_choice
                dataset: {format: jsonl, path: bench_items.jsonl}
                doc_to_text: "{{prompt}}"
                doc_to_choice: "{{options}}"
                doc_to_target: "{{gold}}"
                metric_list: [{metric: acc}, {metric: acc_norm}]
                """);
        return task;
    }

    private static String ids(Random random, int count, int vocab) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(1 + random.nextInt(vocab - 1));
        }
        return text.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
