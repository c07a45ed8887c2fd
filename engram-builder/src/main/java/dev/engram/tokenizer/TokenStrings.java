package dev.engram.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * The id-to-token table of a {@code tokenizer.json}, read from the file itself because DJL exposes no
 * {@code id_to_token}.
 *
 * <p>Like the Rust {@code Tokenizer::id_to_token}, an added token wins over a model vocabulary entry
 * with the same id. BPE, WordPiece and WordLevel store {@code model.vocab} as a token-to-id object;
 * Unigram stores it as an array of {@code [piece, score]} pairs whose index is the id.
 */
final class TokenStrings {
    private TokenStrings() {
    }

    /**
     * Builds the table indexed by id, sized to the highest id plus one; ids that no token uses stay
     * {@code null}.
     *
     * @throws IllegalArgumentException if {@code model.vocab} or an added token is missing or malformed
     */
    static String[] read(JsonNode root, Path file) {
        JsonNode vocab = root.path("model").path("vocab");
        JsonNode added = root.path("added_tokens");
        if (!vocab.isObject() && !vocab.isArray()) {
            throw invalid(file, "model.vocab is missing or neither an object nor an array");
        }
        if (!added.isMissingNode() && !added.isNull() && !added.isArray()) {
            throw invalid(file, "added_tokens is not an array");
        }

        int maxId = -1;
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                maxId = Math.max(maxId, idOf(entry.getValue(), file, "model.vocab[\"" + entry.getKey() + "\"]"));
            }
        } else {
            maxId = vocab.size() - 1;
        }
        if (added.isArray()) {
            for (int i = 0; i < added.size(); i++) {
                maxId = Math.max(maxId, idOf(added.get(i).path("id"), file, "added_tokens[" + i + "].id"));
            }
        }
        if (maxId < 0) {
            throw invalid(file, "the tokenizer has no tokens");
        }

        String[] tokens = new String[maxId + 1];
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                tokens[entry.getValue().intValue()] = entry.getKey();
            }
        } else {
            for (int id = 0; id < vocab.size(); id++) {
                JsonNode piece = vocab.get(id).path(0);
                if (!piece.isTextual()) {
                    throw invalid(file, "model.vocab[" + id + "] is not a [piece, score] pair");
                }
                tokens[id] = piece.textValue();
            }
        }
        if (added.isArray()) {
            for (int i = 0; i < added.size(); i++) {
                JsonNode content = added.get(i).path("content");
                if (!content.isTextual()) {
                    throw invalid(file, "added_tokens[" + i + "].content is missing or not a string");
                }
                tokens[added.get(i).path("id").intValue()] = content.textValue();
            }
        }
        return tokens;
    }

    private static int idOf(JsonNode node, Path file, String field) {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            throw invalid(file, field + " must be a non-negative int32 id, got " + node);
        }
        return node.intValue();
    }

    private static IllegalArgumentException invalid(Path file, String reason) {
        return new IllegalArgumentException("not a valid Hugging Face tokenizer.json: " + file + ": " + reason);
    }
}
