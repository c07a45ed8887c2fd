package dev.engram.vocab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps tokenizer ids to compressed ids: ids whose text is equal after {@link TextNormalizer} share one
 * compressed id, so Engram's n-gram tables see "the", " the" and " The" as one token.
 *
 * <p>The key of an id is computed from the id decoded on its own. If that text contains U+FFFD (a
 * byte-level token holding part of a UTF-8 sequence), the key is the raw token string, so such tokens
 * stay apart. Otherwise the key is the normalized text, or the decoded text itself when normalization
 * leaves nothing. Compressed ids are numbered in the order their key is first seen, walking ids upward.
 * For DeepSeek-V3 this maps 128,815 ids to 98,627.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CompressedVocabulary {
    private static final Logger LOG = LoggerFactory.getLogger(CompressedVocabulary.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final String tokenizerSha256;
    private final int[] lookup;
    private final int size;

    private CompressedVocabulary(String tokenizerSha256, int[] lookup, int size) {
        this.tokenizerSha256 = tokenizerSha256;
        this.lookup = lookup;
        this.size = size;
    }

    /** Builds the compressed vocabulary of a tokenizer by decoding each of its ids alone. */
    public static CompressedVocabulary build(HfTokenizer tokenizer) {
        long start = System.nanoTime();
        int ids = tokenizer.vocabSize();
        int[] lookup = new int[ids];
        Map<String, Integer> compressedByKey = new HashMap<>(ids * 2);
        for (int id = 0; id < ids; id++) {
            String key = keyOf(tokenizer, id);
            Integer compressed = compressedByKey.putIfAbsent(key, compressedByKey.size());
            lookup[id] = compressed != null ? compressed : compressedByKey.size() - 1;
        }
        LOG.info("Built compressed vocabulary of {}: {} ids to {} in {} s", tokenizer.path(), ids,
                compressedByKey.size(), String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new CompressedVocabulary(tokenizer.sha256(), lookup, compressedByKey.size());
    }

    /**
     * Loads a vocabulary saved by {@link #save}, checking that it was built for the expected tokenizer.
     *
     * @throws NoSuchFileException      if the file does not exist
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the file is malformed or was built for another tokenizer; the
     *                                  message names the file, and the field or both SHA-256 values
     */
    public static CompressedVocabulary load(Path file, String expectedTokenizerSha256) throws IOException {
        Objects.requireNonNull(expectedTokenizerSha256, "expectedTokenizerSha256");
        return read(file, expectedTokenizerSha256);
    }

    /**
     * Loads a vocabulary saved by {@link #save} without comparing its tokenizer sha256, for id-level tools
     * that have no tokenizer at hand. Malformed files are rejected as in {@link #load}.
     */
    public static CompressedVocabulary loadUnchecked(Path file) throws IOException {
        return read(file, null);
    }

    private static CompressedVocabulary read(Path file, String expectedTokenizerSha256) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw invalid(file, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "expected a JSON object");
        }

        JsonNode shaNode = root.path("tokenizerSha256");
        if (!shaNode.isTextual() || !SHA256_HEX.matcher(shaNode.textValue()).matches()) {
            throw invalid(file, "field tokenizerSha256 must be 64 lowercase hex digits, got " + shaNode);
        }
        String sha256 = shaNode.textValue();
        if (expectedTokenizerSha256 != null && !sha256.equals(expectedTokenizerSha256)) {
            throw new IllegalArgumentException("compressed vocabulary " + file + " was built for the tokenizer with"
                    + " sha256 " + sha256 + ", but the tokenizer in use has sha256 " + expectedTokenizerSha256);
        }
        int tokenizerIds = positiveInt(root, "tokenizerIds", file);
        int compressedSize = positiveInt(root, "compressedSize", file);
        JsonNode lookupNode = root.path("lookup");
        if (!lookupNode.isArray() || lookupNode.size() != tokenizerIds) {
            throw invalid(file, "field lookup must be an array of tokenizerIds = " + tokenizerIds + " ints, got "
                    + (lookupNode.isArray() ? lookupNode.size() + " elements" : lookupNode.getNodeType()));
        }
        int[] lookup = readLookup(lookupNode, compressedSize, file);
        return new CompressedVocabulary(sha256, lookup, compressedSize);
    }

    /**
     * Loads the vocabulary saved at {@code cacheFile} when it was built for this tokenizer; otherwise
     * builds it and saves it there, replacing a stale or malformed file.
     */
    public static CompressedVocabulary loadOrBuild(HfTokenizer tokenizer, Path cacheFile) throws IOException {
        if (Files.exists(cacheFile)) {
            try {
                CompressedVocabulary cached = load(cacheFile, tokenizer.sha256());
                if (cached.tokenizerIds() == tokenizer.vocabSize()) {
                    LOG.info("Reusing compressed vocabulary {} ({} ids to {})", cacheFile, cached.tokenizerIds(),
                            cached.size());
                    return cached;
                }
                LOG.warn("Rebuilding compressed vocabulary {}: it covers {} ids but the tokenizer has {}", cacheFile,
                        cached.tokenizerIds(), tokenizer.vocabSize());
            } catch (IllegalArgumentException e) {
                LOG.warn("Rebuilding compressed vocabulary {}: {}", cacheFile, e.getMessage());
            }
        } else {
            LOG.info("Building compressed vocabulary {}: no saved copy yet", cacheFile);
        }
        CompressedVocabulary built = build(tokenizer);
        built.save(cacheFile);
        return built;
    }

    /**
     * Writes the vocabulary as JSON ({@code tokenizerSha256, tokenizerIds, compressedSize, lookup}). The
     * file appears atomically: a temporary file in the same folder is renamed over it.
     */
    public void save(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        // A unique name instead of Files.createTempFile, whose owner-only permissions the rename would keep.
        Path temporary = folder.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW);
                 JsonGenerator json = JSON.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("tokenizerSha256", tokenizerSha256);
                json.writeNumberField("tokenizerIds", lookup.length);
                json.writeNumberField("compressedSize", size);
                json.writeFieldName("lookup");
                json.writeArray(lookup, 0, lookup.length);
                json.writeEndObject();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Returns the number of compressed ids. */
    public int size() {
        return size;
    }

    /** Returns the number of tokenizer ids the vocabulary maps. */
    public int tokenizerIds() {
        return lookup.length;
    }

    /**
     * Returns the compressed id of one tokenizer id.
     *
     * @throws IllegalArgumentException if the id is outside {@code [0, tokenizerIds())}
     */
    public int compress(int tokenId) {
        if (tokenId < 0 || tokenId >= lookup.length) {
            throw new IllegalArgumentException("token id " + tokenId + " is outside [0, " + lookup.length
                    + ") of the tokenizer with sha256 " + tokenizerSha256);
        }
        return lookup[tokenId];
    }

    /**
     * Returns the compressed ids of a token sequence, in a new array.
     *
     * @throws IllegalArgumentException if an id is outside {@code [0, tokenizerIds())}
     */
    public int[] compress(int[] tokenIds) {
        int[] compressed = new int[tokenIds.length];
        for (int i = 0; i < tokenIds.length; i++) {
            compressed[i] = compress(tokenIds[i]);
        }
        return compressed;
    }

    /** Returns a copy of the lookup table, indexed by tokenizer id. */
    public int[] lookup() {
        return lookup.clone();
    }

    /** Returns the SHA-256 of the tokenizer.json this vocabulary was built from. */
    public String tokenizerSha256() {
        return tokenizerSha256;
    }

    @Override
    public String toString() {
        return "CompressedVocabulary[" + lookup.length + " ids to " + size + ", tokenizer sha256 " + tokenizerSha256 + "]";
    }

    static String keyOf(HfTokenizer tokenizer, int id) {
        String decoded = tokenizer.decodeSingle(id);
        if (decoded.indexOf('\uFFFD') >= 0) {
            return tokenizer.tokenString(id);
        }
        String normalized = TextNormalizer.normalize(decoded);
        return normalized.isEmpty() ? decoded : normalized;
    }

    private static int[] readLookup(JsonNode lookupNode, int compressedSize, Path file) {
        int[] lookup = new int[lookupNode.size()];
        int nextNew = 0;
        for (int id = 0; id < lookup.length; id++) {
            JsonNode value = lookupNode.get(id);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid(file, "field lookup[" + id + "] must be an int, got " + value);
            }
            int compressed = value.intValue();
            // First-seen numbering means each id either reuses a number or takes the next new one.
            if (compressed < 0 || compressed > nextNew || compressed >= compressedSize) {
                throw invalid(file, "field lookup[" + id + "] = " + compressed + " breaks first-seen numbering"
                        + " (expected 0.." + Math.min(nextNew, compressedSize - 1) + ")");
            }
            if (compressed == nextNew) {
                nextNew++;
            }
            lookup[id] = compressed;
        }
        if (nextNew != compressedSize) {
            throw invalid(file, "field compressedSize = " + compressedSize + " but lookup uses " + nextNew + " ids");
        }
        return lookup;
    }

    private static int positiveInt(JsonNode root, String field, Path file) {
        JsonNode node = root.path(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw invalid(file, "field " + field + " must be a positive int, got " + node);
        }
        return node.intValue();
    }

    private static IllegalArgumentException invalid(Path file, String reason) {
        return new IllegalArgumentException("invalid compressed vocabulary file " + file + ": " + reason);
    }
}
