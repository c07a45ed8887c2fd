package dev.engram.hash;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The shape of Engram addressing: which layers have tables, n-gram orders {@code 2..maxNgram},
 * hash heads per order, the requested table size per order, the seed and the compressed
 * vocabulary the ids come from.
 *
 * @param layerIds           transformer layers that own an Engram table, in walk order
 * @param maxNgram           largest n-gram order N; orders 2..N are hashed
 * @param headsPerOrder      hash heads K per order
 * @param tableSizePerOrder  requested size per order (index 0 is order 2); each head takes a distinct prime above it
 * @param seed               base seed; layer {@code l} draws its multipliers from {@code seed + 10007 * l}
 * @param compressedVocabSize number of compressed ids
 * @param compressedPadId    compressed id used for positions before a sequence start
 */
public record HashConfig(
        int[] layerIds,
        int maxNgram,
        int headsPerOrder,
        int[] tableSizePerOrder,
        long seed,
        long compressedVocabSize,
        int compressedPadId) {

    public HashConfig {
        layerIds = layerIds.clone();
        tableSizePerOrder = tableSizePerOrder.clone();
        validate(layerIds, maxNgram, headsPerOrder, tableSizePerOrder, seed, compressedVocabSize, compressedPadId);
    }

    private static void validate(int[] layerIds, int maxNgram, int headsPerOrder, int[] tableSizePerOrder,
                                 long seed, long compressedVocabSize, int compressedPadId) {
        if (layerIds.length == 0) {
            throw new IllegalArgumentException("layers: at least one layer id is required");
        }
        Set<Integer> seen = new HashSet<>();
        for (int layerId : layerIds) {
            if (layerId < 0) {
                throw new IllegalArgumentException("layers: layer ids must be non-negative, got " + layerId);
            }
            if (!seen.add(layerId)) {
                throw new IllegalArgumentException("layers: layer id " + layerId + " is listed twice");
            }
        }
        if (maxNgram < 2) {
            throw new IllegalArgumentException("max-ngram: the largest n-gram order must be at least 2, got " + maxNgram);
        }
        if (headsPerOrder < 1) {
            throw new IllegalArgumentException("heads: at least one hash head per order is required, got " + headsPerOrder);
        }
        if (tableSizePerOrder.length != maxNgram - 1) {
            throw new IllegalArgumentException("table-sizes: expected one size per order 2.." + maxNgram + " ("
                    + (maxNgram - 1) + " values), got " + tableSizePerOrder.length + ": " + Arrays.toString(tableSizePerOrder));
        }
        for (int i = 0; i < tableSizePerOrder.length; i++) {
            if (tableSizePerOrder[i] < 2) {
                throw new IllegalArgumentException("table-sizes: the table size for order " + (i + 2)
                        + " must be at least 2, got " + tableSizePerOrder[i]);
            }
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed: must be non-negative (NumPy seeds are), got " + seed);
        }
        if (compressedVocabSize < 1) {
            throw new IllegalArgumentException("compressed vocabulary size must be at least 1, got " + compressedVocabSize);
        }
        if (Long.MAX_VALUE / compressedVocabSize / 2 < 1) {
            throw new IllegalArgumentException("compressed vocabulary size " + compressedVocabSize
                    + " is too large: the int64 multiplier bound (2^63-1) // size // 2 collapses to 0");
        }
        if (compressedVocabSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("compressed vocabulary size " + compressedVocabSize
                    + " exceeds the int32 range that token ids are stored in");
        }
        if (compressedPadId < 0 || compressedPadId >= compressedVocabSize) {
            throw new IllegalArgumentException("pad: the compressed pad id must be in [0, " + compressedVocabSize
                    + "), got " + compressedPadId);
        }
    }

    /** Number of hash heads per layer, over all orders. */
    public int headsPerLayer() {
        return (maxNgram - 1) * headsPerOrder;
    }

    /** Returns the exclusive upper bound NumPy draws multiplier halves from: {@code max(1, (2^63-1) // V // 2)}. */
    public long multiplierHalfBound() {
        return Math.max(1, Long.MAX_VALUE / compressedVocabSize / 2);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HashConfig that
                && Arrays.equals(layerIds, that.layerIds)
                && maxNgram == that.maxNgram
                && headsPerOrder == that.headsPerOrder
                && Arrays.equals(tableSizePerOrder, that.tableSizePerOrder)
                && seed == that.seed
                && compressedVocabSize == that.compressedVocabSize
                && compressedPadId == that.compressedPadId;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(layerIds) + Arrays.hashCode(tableSizePerOrder) + Long.hashCode(seed) + maxNgram;
    }

    @Override
    public String toString() {
        return "HashConfig[layerIds=" + Arrays.toString(layerIds) + ", maxNgram=" + maxNgram
                + ", headsPerOrder=" + headsPerOrder + ", tableSizePerOrder=" + Arrays.toString(tableSizePerOrder)
                + ", seed=" + seed + ", compressedVocabSize=" + compressedVocabSize
                + ", compressedPadId=" + compressedPadId + "]";
    }
}
