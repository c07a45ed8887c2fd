package dev.engram.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The token-id to compressed-id lookup a model folder carries. Reads both layouts in use: the one
 * {@code CompressedVocabulary.save} writes ({@code tokenizerSha256, tokenizerIds, compressedSize, lookup})
 * and the shorter one of exported models ({@code compressedSize, lookup}).
 */
public final class CompressedIdMap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int[] lookup;
    private final int size;
    private final String tokenizerSha256;

    private CompressedIdMap(int[] lookup, int size, String tokenizerSha256) {
        this.lookup = lookup;
        this.size = size;
        this.tokenizerSha256 = tokenizerSha256;
    }

    /**
     * Reads a lookup file.
     *
     * @param vocabSize the model's vocabulary size, which the lookup must cover exactly
     * @throws IllegalArgumentException naming the file and field when the file is malformed
     */
    public static CompressedIdMap read(Path file, int vocabSize) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw invalid(file, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "expected a JSON object");
        }
        JsonNode sizeNode = root.path("compressedSize");
        if (!sizeNode.canConvertToInt() || sizeNode.intValue() < 1) {
            throw invalid(file, "field compressedSize must be a positive integer, got " + sizeNode);
        }
        int size = sizeNode.intValue();
        JsonNode lookupNode = root.path("lookup");
        if (!lookupNode.isArray() || lookupNode.size() != vocabSize) {
            throw invalid(file, "field lookup must be an array of vocab_size = " + vocabSize + " ids, got "
                    + (lookupNode.isArray() ? lookupNode.size() + " elements" : lookupNode.getNodeType()));
        }
        int[] lookup = new int[vocabSize];
        for (int id = 0; id < vocabSize; id++) {
            JsonNode value = lookupNode.get(id);
            if (!value.canConvertToInt() || value.intValue() < 0 || value.intValue() >= size) {
                throw invalid(file, "lookup[" + id + "] must be a compressed id in [0, " + size + "), got " + value);
            }
            lookup[id] = value.intValue();
        }
        String sha = root.path("tokenizerSha256").isTextual() ? root.path("tokenizerSha256").textValue() : null;
        return new CompressedIdMap(lookup, size, sha);
    }

    private static IllegalArgumentException invalid(Path file, String problem) {
        return new IllegalArgumentException("compressed vocabulary " + file + ": " + problem);
    }

    /** Returns the number of compressed ids. */
    public int size() {
        return size;
    }

    /** Returns the sha256 of the tokenizer the lookup was built from, or null when the file does not record it. */
    public String tokenizerSha256() {
        return tokenizerSha256;
    }

    /** Returns the compressed id of one token id. */
    public int compress(int tokenId) {
        if (tokenId < 0 || tokenId >= lookup.length) {
            throw new IllegalArgumentException("token id " + tokenId + " is outside the vocabulary [0, "
                    + lookup.length + ")");
        }
        return lookup[tokenId];
    }
}
