package dev.engram.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small tokenizer.json files written into a test's temporary folder. */
public final class TinyTokenizers {
    private TinyTokenizers() {
    }

    /**
     * Writes a whitespace-split WordLevel tokenizer whose post-processor puts {@code <s>} (id 0) before
     * every sequence, and whose file sets truncation to 4 tokens. Vocabulary: {@code <s>} 0,
     * {@code <unk>} 1, {@code hello} 2, {@code world} 3, {@code Hello} 4, {@code HELLO} 5.
     */
    public static Path wordLevelWithBos(Path folder) throws IOException {
        String json = """
                {
                  "version": "1.0",
                  "truncation": {"direction": "Right", "max_length": 4, "strategy": "LongestFirst", "stride": 0},
                  "padding": null,
                  "added_tokens": [
                    {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
                     "normalized": false, "special": true}
                  ],
                  "normalizer": null,
                  "pre_tokenizer": {"type": "WhitespaceSplit"},
                  "post_processor": {
                    "type": "TemplateProcessing",
                    "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                    "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                    "special_tokens": {"<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]}}
                  },
                  "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": false},
                  "model": {
                    "type": "WordLevel",
                    "vocab": {"<s>": 0, "<unk>": 1, "hello": 2, "world": 3, "Hello": 4, "HELLO": 5},
                    "unk_token": "<unk>"
                  }
                }
                """;
        Path file = folder.resolve("tokenizer.json");
        Files.writeString(file, json);
        return file;
    }
}
