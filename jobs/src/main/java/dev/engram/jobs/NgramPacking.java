package dev.engram.jobs;

import dev.engram.schema.NgramSchema;
import java.io.Serializable;

/**
 * Packs an n-gram of compressed ids into one {@code long}, so counting groups by a primitive key rather
 * than by an array.
 *
 * <p>Each position becomes a digit in base {@code V + 1}, where V is the compressed vocabulary size:
 * digit 0 is the {@link NgramSchema#PAD pad} placeholder and digit {@code id + 1} is compressed id
 * {@code id}. The oldest position is the most significant digit, so comparing keys of one order compares
 * the n-grams lexicographically with the pad first. An order packs when {@code (V + 1)^order} fits in 63
 * bits: orders up to 3 for DeepSeek-V3's 98,627 compressed ids.
 */
final class NgramPacking implements Serializable {
    private final long base;
    private final int maxPackedOrder;

    NgramPacking(long compressedVocabSize) {
        this.base = compressedVocabSize + 1;
        int order = 0;
        long capacity = 1;
        while (capacity <= Long.MAX_VALUE / base) {
            capacity *= base;
            order++;
        }
        this.maxPackedOrder = order;
    }

    /** Returns the largest order whose n-grams fit in one key. */
    int maxPackedOrder() {
        return maxPackedOrder;
    }

    /** Packs {@code window[end - order + 1 .. end]}; entries before index 0 count as the pad. */
    long pack(int[] window, int end, int order) {
        long key = 0;
        for (int i = end - order + 1; i <= end; i++) {
            key = key * base + (i < 0 ? 0 : window[i] + 1L);
        }
        return key;
    }

    int[] unpack(long key, int order) {
        int[] ngram = new int[order];
        for (int i = order - 1; i >= 0; i--) {
            ngram[i] = (int) (key % base) - 1;
            key /= base;
        }
        return ngram;
    }
}
