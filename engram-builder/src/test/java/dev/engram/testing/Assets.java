package dev.engram.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates downloaded assets (tokenizers, corpora) that are too large for the repository. */
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

    /**
     * Returns the texts of the State of the Union addresses, one per {@code sotu/data/*.json} file, in
     * file name order (which is chronological).
     *
     * @throws IllegalStateException if the corpus is missing, so tests that need it fail instead of being skipped
     */
    public static List<String> sotuTexts() {
        Path folder = dir().resolve("sotu").resolve("data");
        List<Path> files;
        try (Stream<Path> listing = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("State of the Union corpus not found at " + folder.toAbsolutePath()
                    + "; run ./engram assets first");
        }
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                texts.add(json.readTree(file.toFile()).get("text").textValue());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return texts;
    }
}
