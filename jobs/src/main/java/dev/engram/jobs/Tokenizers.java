package dev.engram.jobs;

import dev.engram.io.Sha256;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Driver-side loading of the tokenizer and its compressed vocabulary, with errors that name the flag.
 *
 * <p>The compressed vocabulary is kept in {@code <cache dir>/compressed-vocabulary-<tokenizer sha256>.json},
 * where the cache dir is the {@code engram.cache.dir} system property or {@code ~/.cache/engram}:
 * building it decodes every id alone, which takes seconds that a second job need not repeat.
 */
public final class Tokenizers {
    private static final Map<String, HfTokenizer> DRIVER_TOKENIZERS = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /**
     * Loads a tokenizer.json, once per driver JVM and file content.
     *
     * @throws JobInputException naming {@code flag} if the file is missing or not a tokenizer
     */
    public static HfTokenizer load(Path file, String flag) {
        try {
            // Hashing the file takes milliseconds and loading it about a second, so a pipeline run in one
            // JVM (engram demo) loads each tokenizer once. A changed file gets a new key.
            Path absolute = file.toAbsolutePath().normalize();
            String key = absolute + "|" + Sha256.ofFile(absolute);
            HfTokenizer cached = DRIVER_TOKENIZERS.get(key);
            if (cached != null) {
                return cached;
            }
            HfTokenizer loaded = HfTokenizer.load(absolute);
            HfTokenizer shared = DRIVER_TOKENIZERS.putIfAbsent(key, loaded);
            if (shared != null) {
                loaded.close();
                return shared;
            }
            return loaded;
        } catch (IOException | IllegalArgumentException e) {
            throw new JobInputException(flag + ": cannot load tokenizer " + file + ": " + e.getMessage()
                    + "; expected a Hugging Face tokenizer.json file", e);
        }
    }

    public static CompressedVocabulary compressedVocabulary(HfTokenizer tokenizer) throws IOException {
        return CompressedVocabulary.loadOrBuild(tokenizer,
                cacheDir().resolve("compressed-vocabulary-" + tokenizer.sha256() + ".json"));
    }

    private static Path cacheDir() {
        String configured = System.getProperty("engram.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "engram");
    }
}
