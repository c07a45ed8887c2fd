package dev.engram.eval.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Held-out documents the generated suites are built from: a JSONL file with a {@code text} field per line,
 * or plain text with documents separated by blank lines. The caller must pass documents excluded from
 * training; nothing here can check that.
 */
public record Corpus(List<String> documents) {
    public Corpus {
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("the held-out corpus has no documents");
        }
    }

    public static Corpus read(Path file) throws IOException {
        List<String> documents = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            ObjectMapper json = new ObjectMapper();
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode text = json.readTree(line).get("text");
                if (text == null || !text.isTextual()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": field text is missing");
                }
                documents.add(text.textValue());
            }
        } else {
            for (String block : Files.readString(file, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
                if (!block.isBlank()) {
                    documents.add(block.strip());
                }
            }
        }
        return new Corpus(documents);
    }

    /** Returns the sentences of all documents, split after '.', '!' or '?' followed by whitespace. */
    public List<String> sentences() {
        List<String> sentences = new ArrayList<>();
        for (String document : documents) {
            for (String sentence : document.split("(?<=[.!?])\\s+")) {
                if (!sentence.isBlank()) {
                    sentences.add(sentence.strip());
                }
            }
        }
        return sentences;
    }
}
