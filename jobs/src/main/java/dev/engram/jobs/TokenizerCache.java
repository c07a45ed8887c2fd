package dev.engram.jobs;

import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded tokenizer per executor JVM and tokenizer file, shared by all tasks of that JVM.
 *
 * <p>Loading DeepSeek-V3's tokenizer.json takes about a second, far longer than most tasks, so tasks
 * never load their own. The key includes the sha256 the driver saw, and a file whose bytes differ is
 * rejected rather than silently used. Tokenizers stay open until the JVM exits.
 */
final class TokenizerCache {
    private static final Map<String, HfTokenizer> LOADED = new ConcurrentHashMap<>();

    private TokenizerCache() {
    }

    static HfTokenizer get(Path file, String expectedSha256) {
        return LOADED.computeIfAbsent(file.toAbsolutePath() + "|" + expectedSha256, key -> {
            try {
                HfTokenizer tokenizer = HfTokenizer.load(file);
                if (!tokenizer.sha256().equals(expectedSha256)) {
                    tokenizer.close();
                    throw new IllegalStateException("tokenizer " + file + " on this executor has sha256 "
                            + tokenizer.sha256() + " but the driver loaded " + expectedSha256);
                }
                return tokenizer;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load tokenizer " + file + " on this executor", e);
            }
        });
    }
}
