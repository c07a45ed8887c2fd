package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.task.BuiltinTasks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the demo's models with {@code engram eval}: the corpus suites on the held-out documents, the
 * benchmark suites on the files under {@code --benchmarks}.
 */
final class DemoEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEvaluation.class);
    /** Built-in suites that build their items from the held-out corpus and need no benchmark files. */
    private static final Set<String> CORPUS_SUITES = Set.of("perplexity", "cloze", "niah_single", "niah_multikey",
            "niah_multivalue", "niah_multiquery");
    /** Bootstrap resamples for standard errors: enough for two digits at these item counts, and fast. */
    private static final int BOOTSTRAP_ITERATIONS = 1000;

    private final DemoStageRunner runner;
    private final DemoBudget budget;

    DemoEvaluation(DemoStageRunner runner, DemoBudget budget) {
        this.runner = runner;
        this.budget = budget;
    }

    /**
     * Rejects a suite that is neither a built-in name nor an existing task file, before hours of training make
     * the mistake expensive.
     */
    static void checkSuites(List<String> requested) {
        for (String suite : requested) {
            if (!BuiltinTasks.NAMES.contains(suite) && !Files.isRegularFile(Path.of(suite))) {
                throw new IllegalArgumentException("--suites: unknown suite " + suite + "; built-in suites are "
                        + BuiltinTasks.NAMES + ", or pass the path of a task file");
            }
        }
    }

    /**
     * Returns {@code requested} without the suites that read benchmark files when {@code benchmarks} is null,
     * logging a warning for each one dropped.
     */
    static List<String> runnableSuites(List<String> requested, Path benchmarks) {
        if (benchmarks != null) {
            return requested;
        }
        // Limitation: a task file path is kept as if it read no benchmark files, because telling would mean
        // parsing it here; eval reports its missing dataset instead.
        List<String> runnable = requested.stream()
                .filter(suite -> CORPUS_SUITES.contains(suite) || !BuiltinTasks.NAMES.contains(suite)).toList();
        for (String suite : requested) {
            if (!runnable.contains(suite)) {
                LOG.warn("stage eval: skipping suite {} because no benchmark folder was found; pass --benchmarks DIR",
                        suite);
            }
        }
        if (runnable.isEmpty()) {
            throw new IllegalArgumentException("--suites: every requested suite " + requested + " reads benchmark "
                    + "files and no benchmark folder was found; pass --benchmarks DIR or add a corpus suite such as "
                    + "perplexity");
        }
        return runnable;
    }

    /**
     * Writes the held-out {@code *.json} documents as one JSONL file with a {@code text} field, the layout
     * {@code eval --corpus} reads, unless it exists.
     */
    static Path writeHeldOutCorpus(Path heldOutFolder, Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        ObjectMapper json = new ObjectMapper();
        Path staging = file.resolveSibling(file.getFileName() + ".tmp");
        int documents = 0;
        try (Stream<Path> files = Files.list(heldOutFolder);
             BufferedWriter writer = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            for (Path document : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                JsonNode text = json.readTree(document.toFile()).path("text");
                if (!text.isTextual()) {
                    throw new IllegalArgumentException("held-out document " + document + " has no text field");
                }
                ObjectNode line = json.createObjectNode().put("text", text.textValue());
                writer.write(json.writeValueAsString(line));
                writer.newLine();
                documents++;
            }
        }
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("stage eval: wrote {} held-out documents to {}", documents, file);
        return file;
    }

    /** Evaluates {@code model} on {@code suites} into the run folder {@code out}, unless it exists. */
    void evaluate(String stageName, Path model, List<String> suites, Path corpus, Path benchmarks, Path out) {
        List<String> args = new ArrayList<>(List.of("eval", "--model", model.toString(),
                "--suites", String.join(",", suites), "--out", out.toString(),
                "--limit", Integer.toString(budget.evalLimit()), "--corpus", corpus.toString(),
                "--seed", Long.toString(DemoModelConfig.SEED),
                "--bootstrap-iters", Integer.toString(BOOTSTRAP_ITERATIONS)));
        if (benchmarks != null) {
            args.add("--benchmarks");
            args.add(benchmarks.toString());
        }
        runner.command(stageName, out, args.toArray(String[]::new));
    }
}
