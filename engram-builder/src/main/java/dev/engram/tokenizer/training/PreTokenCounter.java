package dev.engram.tokenizer.training;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the pre-tokens of documents in memory: the input of {@link BpeTrainer}. The Spark job runs one
 * counter per partition and sums the counts, so a corpus split over any number of partitions gives the
 * same totals as one counter over the whole corpus.
 *
 * <p>Not thread-safe.
 */
public final class PreTokenCounter {
    private final Map<String, Long> counts = new HashMap<>();
    private long documents;
    private long bytes;

    /** Adds the pre-tokens of one document. */
    public void add(String document) {
        documents++;
        bytes += document.getBytes(StandardCharsets.UTF_8).length;
        for (String preToken : ByteLevelPreTokenizer.split(document)) {
            counts.merge(preToken, 1L, Long::sum);
        }
    }

    /** Returns the count of each distinct pre-token seen so far. */
    public Map<String, Long> counts() {
        return counts;
    }

    /**
     * Returns the pre-tokens seen at least {@code minFrequency} times, sorted, with their counts.
     *
     * @throws IllegalArgumentException if {@code minFrequency} is below 1
     */
    public Map<String, Long> counts(long minFrequency) {
        return atLeast(counts, minFrequency);
    }

    /** Returns the number of documents added. */
    public long documents() {
        return documents;
    }

    /** Returns the UTF-8 size of the documents added, in bytes. */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the entries whose count is at least {@code minFrequency}, sorted by pre-token.
     *
     * @throws IllegalArgumentException if {@code minFrequency} is below 1
     */
    public static Map<String, Long> atLeast(Map<String, Long> counts, long minFrequency) {
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minimum frequency must be at least 1, got " + minFrequency);
        }
        Map<String, Long> kept = new TreeMap<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() >= minFrequency) {
                kept.put(entry.getKey(), entry.getValue());
            }
        }
        return kept;
    }
}
