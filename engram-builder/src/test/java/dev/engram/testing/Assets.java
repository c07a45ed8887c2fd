package dev.engram.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates downloaded assets (tokenizers) that are too large for the repository. */
public final class Assets {
    private Assets() {
    }

    /**
     * Returns the assets folder: system property {@code engram.assets.dir} (Surefire sets it to
     * {@code <repository>/assets}), else {@code ../assets} from the module folder.
     */
    public static Path dir() {
        String configured = System.getProperty("engram.assets.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "assets");
    }

    /**
     * Returns the path of the DeepSeek-V3 {@code tokenizer.json}.
     *
     * @throws IllegalStateException if it is missing, so tests that need it fail instead of being skipped
     */
    public static Path deepseekTokenizer() {
        Path file = dir().resolve("deepseek-v3-tokenizer").resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("DeepSeek-V3 tokenizer not found at " + file.toAbsolutePath()
                    + "; run ./engram assets first");
        }
        return file;
    }
}
