package dev.engram.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's stages after the assets, in order, each writing one folder under the output folder.
 *
 * <p>Layout: {@code corpus/{train,heldout}}, {@code tokenizer/tokenizer.json}, {@code tokens/{train,heldout}},
 * {@code ngrams}, {@code tables}, {@code model-config}, {@code models/{engram,baseline}},
 * {@code runs/{engram,baseline}} and the report files at the top.
 *
 * <p>Limitation: only the split records its settings. A rerun into the same folder with another
 * {@code --tokenizer} or {@code --suites} reuses the finished stages made with the old ones, so pass a new
 * {@code --out} when changing them.
 */
final class DemoPipeline {
    static final String RUNS = "runs";
    static final String ENGRAM = "engram";
    static final String BASELINE = "baseline";

    private final DemoStageRunner runner;
    private final DemoBudget budget;
    private final Path out;
    private final boolean quick;

    DemoPipeline(DemoStageRunner runner, DemoBudget budget, Path out, boolean quick) {
        this.runner = runner;
        this.budget = budget;
        this.out = out;
        this.quick = quick;
    }

    /**
     * Runs every stage from the split to the report.
     *
     * @param givenTokenizer {@code --tokenizer}, or null to train one
     * @param benchmarks     the benchmark folder, or null when the file-based suites are skipped
     * @return report.html
     */
    Path run(Path source, Path givenTokenizer, List<String> suites, Path benchmarks) {
        Path corpus = out.resolve("corpus");
        runner.stage("split", () -> new DemoSplit(quick).split(source, corpus));
        Path trainCorpus = corpus.resolve("train");
        Path heldOutCorpus = corpus.resolve("heldout");

        Path tokenizer = givenTokenizer != null ? givenTokenizer : trainTokenizer(trainCorpus);

        Path tokens = out.resolve("tokens");
        Path trainTokens = tokens.resolve("train");
        tokenize("tokenize-train", trainCorpus, tokenizer, trainTokens);
        tokenize("tokenize-heldout", heldOutCorpus, tokenizer, tokens.resolve("heldout"));

        Path ngrams = out.resolve("ngrams");
        runner.command("count-ngrams", ngrams, "count-ngrams", "--tokens", trainTokens.toString(),
                "--max-ngram", Integer.toString(DemoModelConfig.MAX_NGRAM), "--out", ngrams.toString());

        Path tables = out.resolve("tables");
        List<String> buildArgs = new ArrayList<>(List.of("build-tables", "--ngrams", ngrams.toString(),
                "--tokenizer", tokenizer.toString(), "--out", tables.toString()));
        buildArgs.addAll(DemoModelConfig.buildTablesFlags());
        runner.command("build-tables", tables, buildArgs.toArray(String[]::new));
        // table-stats writes stats.json into the table folder, which the report reads.
        runner.command("table-stats", tables.resolve("stats.json"), "table-stats", "--tables", tables.toString());

        Path config = runner.stage("model-config",
                () -> DemoModelConfig.write(tokenizer, out.resolve("model-config")));
        Path models = out.resolve("models");
        DemoTraining training = new DemoTraining(runner, budget);
        training.train("train-engram", trainTokens, config, tables, tokenizer, models.resolve(ENGRAM), false);
        training.train("train-baseline", trainTokens, config, tables, tokenizer, models.resolve(BASELINE), true);

        Path heldOutFile = runner.stage("heldout-corpus",
                () -> DemoEvaluation.writeHeldOutCorpus(heldOutCorpus, corpus.resolve("heldout.jsonl")));
        Path runs = out.resolve(RUNS);
        DemoEvaluation evaluation = new DemoEvaluation(runner, budget);
        evaluation.evaluate("eval-engram", models.resolve(ENGRAM), suites, heldOutFile, benchmarks,
                runs.resolve(ENGRAM));
        evaluation.evaluate("eval-baseline", models.resolve(BASELINE), suites, heldOutFile, benchmarks,
                runs.resolve(BASELINE));

        return runner.stage("report",
                () -> DemoReport.write(runs.resolve(BASELINE), models.resolve(BASELINE), runs.resolve(ENGRAM),
                        models.resolve(ENGRAM), tables, out));
    }

    /**
     * Trains the BPE tokenizer into a staging folder and renames the folder into place, so that a killed run
     * never leaves a partial tokenizer.json that a rerun would take as complete.
     */
    private Path trainTokenizer(Path trainCorpus) {
        Path folder = out.resolve("tokenizer");
        Path file = folder.resolve("tokenizer.json");
        if (Files.exists(file)) {
            runner.command("train-tokenizer", file);
            return file;
        }
        Path staging = out.resolve("tokenizer.tmp");
        runner.command("train-tokenizer", null, "train-tokenizer", "--input", trainCorpus.toString(),
                "--format", "jsonl", "--field", "text", "--vocab-size", Integer.toString(budget.vocabSize()),
                "--out", staging.resolve("tokenizer.json").toString(), "--overwrite");
        runner.stage("train-tokenizer-publish", () -> Files.move(staging, folder));
        return file;
    }

    private void tokenize(String stageName, Path input, Path tokenizer, Path output) {
        runner.command(stageName, output, "tokenize", "--input", input.toString(), "--format", "jsonl",
                "--field", "text", "--tokenizer", tokenizer.toString(), "--out", output.toString());
    }
}
