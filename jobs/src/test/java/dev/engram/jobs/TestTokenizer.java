package dev.engram.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whitespace-split WordLevel tokenizer.json for tests: it loads in milliseconds, unlike DeepSeek-V3's,
 * and its compressed vocabulary is known. "The" and "the", "A" and "a", "Dog" and "dog" normalize alike,
 * so the 20 ids compress to 17.
 */
public final class TestTokenizer {
    /** Tokenizer id of {@code <pad>}, which compresses to 1. */
    public static final int PAD_ID = 1;
    public static final int COMPRESSED_SIZE = 17;

    private TestTokenizer() {
    }

    public static Path write(Path folder) throws IOException {
        String json = """
                {
                  "version": "1.0",
                  "truncation": null,
                  "padding": null,
                  "added_tokens": [
                    {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
                     "normalized": false, "special": true},
                    {"id": 1, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false,
                     "normalized": false, "special": true}
                  ],
                  "normalizer": null,
                  "pre_tokenizer": {"type": "WhitespaceSplit"},
                  "post_processor": null,
                  "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": false},
                  "model": {
                    "type": "WordLevel",
                    "vocab": {"<unk>": 0, "<pad>": 1, "the": 2, "The": 3, "cat": 4, "dog": 5, "Dog": 6, "sat": 7,
                              "on": 8, "mat": 9, "a": 10, "A": 11, "ran": 12, "fast": 13, "and": 14, "big": 15,
                              "red": 16, "ball": 17, "saw": 18, "hat": 19},
                    "unk_token": "<unk>"
                  }
                }
                """;
        Files.createDirectories(folder);
        Path file = folder.resolve("tokenizer.json");
        Files.writeString(file, json);
        return file;
    }
}
