package dev.engram.jobs;

import dev.engram.schema.NgramSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-Java n-gram counting, the reference the Spark job is compared with: for every document and
 * every position t, the n-gram of each order ending at t, with {@link NgramSchema#PAD} before the start.
 */
final class ReferenceNgrams {
    private ReferenceNgrams() {
    }

    /** Returns counts keyed by (order, ids oldest first); the order is the key's size. */
    static Map<List<Integer>, Long> count(List<int[]> documents, int maxNgram, long minCount) {
        Map<List<Integer>, Long> counts = new HashMap<>();
        for (int[] document : documents) {
            for (int t = 0; t < document.length; t++) {
                for (int order = 2; order <= maxNgram; order++) {
                    Integer[] ngram = new Integer[order];
                    for (int i = 0; i < order; i++) {
                        int position = t - order + 1 + i;
                        ngram[i] = position < 0 ? NgramSchema.PAD : document[position];
                    }
                    counts.merge(List.of(ngram), 1L, Long::sum);
                }
            }
        }
        counts.values().removeIf(count -> count < minCount);
        return counts;
    }
}
