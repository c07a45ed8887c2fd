package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.jobs.eval.CodecKind;
import dev.engram.jobs.eval.EvalJob;
import dev.engram.jobs.eval.EvalSettings;
import dev.engram.jobs.eval.EvalSummary;
import dev.engram.jobs.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram eval}: scores a model on benchmark suites with Spark and writes a run folder. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluates a model on suites as a Spark job and publishes a run folder with results.json "
                + "(lm-evaluation-harness layout), samples.parquet (one row per document) and cache/. Items "
                + "already scored for the same model, task version and prompt are read from the cache of the "
                + "folder or of an interrupted run, not scored again. Prints one JSON summary line.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model folder with config.json, model.safetensors and, for text suites, tokenizer.json.")
    Path model;

    @Option(names = "--suites", required = true, split = ",", paramLabel = "SUITE",
            description = "Comma-separated built-in suite names or task file paths (.yaml, .yml, .json).")
    List<String> suites;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder to write, such as results/run1.")
    Path out;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Score only the first N documents of each task or subtask; 0 scores all (default).")
    int limit;

    @Option(names = "--corpus", paramLabel = "FILE",
            description = "Held-out corpus (JSONL with a text field, or text with blank-line-separated documents) "
                    + "for the perplexity, cloze and niah_* suites. Use documents excluded from training.")
    Path corpus;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for every task's few-shot draws and corpus-built items (default: each task file's).")
    Long seed;

    @Option(names = "--benchmarks", defaultValue = "benchmarks", paramLabel = "DIR",
            description = "Folder that dataset paths of task files resolve against. Default: ${DEFAULT-VALUE}.")
    Path benchmarks;

    @Option(names = "--codec", defaultValue = "auto", paramLabel = "KIND", converter = CodecConverter.class,
            description = "How text becomes token ids: auto (tokenizer.json if the model has one, else ids), "
                    + "tokenizer, ids (text is space-separated token ids) or ascii (96-id test models). "
                    + "Default: ${DEFAULT-VALUE}.")
    CodecKind codec;

    @Option(names = "--bootstrap-iters", defaultValue = "100000", paramLabel = "N",
            description = "Resamples for bootstrap standard errors, as the harness's bootstrap_iters. "
                    + "Default: ${DEFAULT-VALUE}.")
    int bootstrapIterations;

    @Option(names = "--items-per-partition", defaultValue = "64", paramLabel = "N",
            description = "Items per Spark task. Fewer lose less work when a run is killed; more batch better. "
                    + "Default: ${DEFAULT-VALUE}.")
    int itemsPerPartition;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvalSettings settings = new EvalSettings(model, suites, out, limit, corpus, seed, benchmarks, codec,
                bootstrapIterations, itemsPerPartition);
        EvalSummary summary;
        try (SparkSessions.Handle session = SparkSessions.start("engram eval")) {
            summary = EvalJob.run(session.spark(), settings);
        }
        ObjectNode line = new ObjectMapper().createObjectNode()
                .put("out", out.toString())
                .put("items", summary.items())
                .put("scored", summary.scored())
                .put("cached", summary.cached())
                .put("score_seconds", summary.scoreSeconds());
        if (summary.scored() > 0) {
            line.put("items_per_second", summary.itemsPerSecond());
        }
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Converts {@code --codec} values, ignoring case. */
    static final class CodecConverter implements ITypeConverter<CodecKind> {
        @Override
        public CodecKind convert(String value) {
            try {
                return CodecKind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid --codec " + value
                        + "; expected auto, tokenizer, ids or ascii", e);
            }
        }
    }
}
