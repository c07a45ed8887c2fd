package dev.engram.cli;

import dev.engram.model.EngramModel;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the {@code tokenizer.json} a model folder carries, for commands that take or print text. */
final class ModelTokenizer {
    private ModelTokenizer() {
    }

    /**
     * Loads the model's tokenizer and checks it against the sha256 the config records, if any.
     *
     * @throws IllegalArgumentException if the folder has no tokenizer.json or it is not the one the model used
     */
    static HfTokenizer open(EngramModel model, String option) throws IOException {
        Path file = model.folder().resolve("tokenizer.json");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " needs a tokenizer, but " + file
                    + " does not exist; pass token ids instead");
        }
        HfTokenizer tokenizer = HfTokenizer.load(file);
        String expected = model.config().tokenizerSha256();
        if (expected != null && !expected.equals(tokenizer.sha256())) {
            tokenizer.close();
            throw new IllegalArgumentException("tokenizer " + file + " has sha256 " + tokenizer.sha256()
                    + " but the model config records " + expected);
        }
        return tokenizer;
    }
}
