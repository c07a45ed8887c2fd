package dev.engram.cli;

import dev.engram.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the demo's Engram model and its iso-compute baseline with {@code engram train}, on the same tokens,
 * seed and steps, so both see the same batches and token budget.
 *
 * <p>A model folder is complete once it contains {@code tokenizer.json}, which is copied in after the
 * trainer has saved the final model. A folder with a checkpoint but no tokenizer is resumed with
 * {@code --resume}.
 */
final class DemoTraining {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraining.class);
    static final String TOKENIZER = "tokenizer.json";

    private final DemoStageRunner runner;
    private final DemoBudget budget;

    DemoTraining(DemoStageRunner runner, DemoBudget budget) {
        this.runner = runner;
        this.budget = budget;
    }

    /** Trains one model into {@code out}; {@code baseline} selects the iso-compute baseline of {@code config}. */
    void train(String stageName, Path tokens, Path config, Path tables, Path tokenizer, Path out, boolean baseline) {
        if (Files.exists(out.resolve(TOKENIZER))) {
            LOG.info("stage {}: model {} already complete, skipping", stageName, out);
            return;
        }
        List<String> args = new ArrayList<>(List.of("train", "--tokens", tokens.toString(),
                "--model-config", config.toString(), "--out", out.toString(),
                "--steps", Integer.toString(budget.steps()),
                "--batch-size", Integer.toString(DemoBudget.BATCH_SIZE),
                "--seq-len", Integer.toString(DemoBudget.SEQUENCE_LENGTH),
                "--warmup", Integer.toString(Math.max(1, budget.steps() / 10)),
                "--val-every", Integer.toString(Math.max(1, budget.steps() / 10)),
                "--checkpoint-every", Integer.toString(Math.max(1, budget.steps() / 5)),
                "--log-every", Integer.toString(Math.max(1, budget.steps() / 20)),
                // <|endoftext|> between documents, as train-tokenizer numbers it.
                // Limitation: with --tokenizer, id 0 is whatever that tokenizer puts there (DeepSeek-V3:
                // <｜begin▁of▁sentence｜>); it still marks document boundaries but is not an end-of-text token.
                "--separator-id", "0",
                "--seed", Long.toString(DemoModelConfig.SEED)));
        if (Trainer.hasCheckpoint(out)) {
            LOG.info("stage {}: resuming from the checkpoint in {}", stageName, out);
            args.add("--resume");
        } else if (baseline) {
            args.add("--iso-compute-baseline");
        } else {
            args.add("--tables");
            args.add(tables.toString());
        }
        LOG.info("stage {}: {} steps x {} sequences x {} tokens = {} tokens", stageName, budget.steps(),
                DemoBudget.BATCH_SIZE, DemoBudget.SEQUENCE_LENGTH, budget.tokensPerModel());
        runner.command(stageName, null, args.toArray(String[]::new));
        runner.stage(stageName + "-tokenizer", () -> copyTokenizer(tokenizer, out));
    }

    private static Path copyTokenizer(Path tokenizer, Path out) throws IOException {
        Path staging = out.resolve(TOKENIZER + ".tmp");
        Files.copy(tokenizer, staging, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staging, out.resolve(TOKENIZER), StandardCopyOption.ATOMIC_MOVE);
    }
}
