package dev.engram.train;

import dev.engram.io.Folders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A resumable training state in one folder: the model files ({@code config.json}, {@code model.safetensors}
 * with the tables, compressed vocabulary), {@code optimizer.safetensors} (Adam moments of weights and
 * table rows) and {@code trainer-state.json} (completed steps, tokens, the options that fix the data order).
 * Written to a temporary sibling and renamed into place, so a killed run leaves the previous checkpoint whole.
 */
final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "trainer-state.json";

    /** Completed steps and tokens read back from a checkpoint. */
    record State(int step, long tokens) {
    }

    private Checkpoint() {
    }

    static void write(Path folder, TrainableModel model, AdamW adamW, SparseAdam sparseAdam, TrainingOptions options,
                      int step, long tokens) throws IOException {
        Path temporary = folder.resolveSibling(folder.getFileName() + ".tmp");
        Folders.deleteRecursively(temporary);
        model.save(temporary);
        SafetensorsWriter optimizer = new SafetensorsWriter();
        adamW.save(optimizer);
        sparseAdam.save(optimizer);
        optimizer.write(temporary.resolve(OPTIMIZER_FILE));
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        state.put("tokens", tokens);
        state.set("options", JSON.valueToTree(options));
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.resolve(STATE_FILE).toFile(), state);
        Path old = folder.resolveSibling(folder.getFileName() + ".old");
        Folders.deleteRecursively(old);
        if (Files.exists(folder)) {
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteRecursively(old);
    }

    /**
     * Restores optimizer moments and returns the step and token counts.
     *
     * @throws IllegalArgumentException when the checkpoint was written with options that change the data order
     */
    static State restore(Path folder, AdamW adamW, SparseAdam sparseAdam, TrainingOptions options) throws IOException {
        JsonNode state = JSON.readTree(folder.resolve(STATE_FILE).toFile());
        TrainingOptions saved = JSON.treeToValue(state.path("options"), TrainingOptions.class);
        if (saved.batchSize() != options.batchSize() || saved.sequenceLength() != options.sequenceLength()
                || saved.seed() != options.seed() || saved.steps() != options.steps()) {
            throw new IllegalArgumentException("checkpoint " + folder + " was written with batch size "
                    + saved.batchSize() + ", sequence length " + saved.sequenceLength() + ", seed " + saved.seed()
                    + " and " + saved.steps() + " steps; resume with the same values (got " + options.batchSize()
                    + ", " + options.sequenceLength() + ", " + options.seed() + ", " + options.steps() + ")");
        }
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve(OPTIMIZER_FILE))) {
            adamW.load(file);
            sparseAdam.load(file);
        }
        return new State(state.path("step").intValue(), state.path("tokens").longValue());
    }

}
