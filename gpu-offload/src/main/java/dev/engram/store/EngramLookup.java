package dev.engram.store;

import dev.engram.hash.NgramHasher;

/**
 * Turns compressed token ids into Engram embeddings {@code e_t}: hashes the suffix n-grams of each
 * position, then concatenates the table rows of every (order, head), order 2 heads first.
 *
 * <p>All (order, head) tables of a layer are stacked in one {@link EngramTable}; head {@code j} (counting
 * order by order) starts at the sum of the primes of heads {@code 0 .. j-1}. Thread-safe.
 */
public final class EngramLookup {
    private final NgramHasher hasher;
    private final EngramTable[] tables;
    private final long[][] headOffsets;

    /** @param tables one table per entry of the hash config's layer ids, in that order */
    public EngramLookup(NgramHasher hasher, EngramTable[] tables) {
        int layers = hasher.config().layerIds().length;
        if (tables.length != layers) {
            throw new IllegalArgumentException("expected " + layers + " tables, one per Engram layer, got " + tables.length);
        }
        this.hasher = hasher;
        this.tables = tables.clone();
        this.headOffsets = new long[layers][];
        for (int layer = 0; layer < layers; layer++) {
            headOffsets[layer] = headOffsets(hasher, layer);
            long needed = headOffsets[layer][headOffsets[layer].length - 1];
            if (tables[layer].rows() != needed) {
                throw new IllegalArgumentException("Engram table of layer " + hasher.config().layerIds()[layer]
                        + " has " + tables[layer].rows() + " rows but its primes sum to " + needed);
            }
        }
    }

    /** Returns each head's first row, plus the total row count as the last element. */
    private static long[] headOffsets(NgramHasher hasher, int layerIndex) {
        int[][] primes = hasher.primes(layerIndex);
        int heads = hasher.config().headsPerLayer();
        long[] offsets = new long[heads + 1];
        int head = 0;
        for (int[] orderPrimes : primes) {
            for (int prime : orderPrimes) {
                offsets[head + 1] = offsets[head] + prime;
                head++;
            }
        }
        return offsets;
    }

    /** Returns the number of rows of a layer's table, the sum of its primes. */
    public static long tableRows(NgramHasher hasher, int layerIndex) {
        long[] offsets = headOffsets(hasher, layerIndex);
        return offsets[offsets.length - 1];
    }

    public NgramHasher hasher() {
        return hasher;
    }

    /** Returns the width of {@code e_t} for a layer. */
    public int embeddingWidth(int layerIndex) {
        return hasher.config().headsPerLayer() * tables[layerIndex].rowWidth();
    }

    /**
     * Gathers {@code e_t} for positions {@code skip ..} of a window of compressed ids. The first {@code skip}
     * ids only supply n-gram context; a window that starts at the sequence start has {@code skip = 0}.
     *
     * @return {@code (window.length - skip)} rows of {@link #embeddingWidth} floats
     */
    public float[] gather(int layerIndex, int[] compressedWindow, int skip) {
        int heads = hasher.config().headsPerLayer();
        int width = tables[layerIndex].rowWidth();
        int[] buckets = hasher.hashSequence(compressedWindow, layerIndex);
        int rows = compressedWindow.length - skip;
        float[] out = new float[rows * heads * width];
        EngramTable table = tables[layerIndex];
        long[] offsets = headOffsets[layerIndex];
        for (int r = 0; r < rows; r++) {
            int bucketBase = (r + skip) * heads;
            for (int head = 0; head < heads; head++) {
                table.copyRow(offsets[head] + buckets[bucketBase + head], out, (r * heads + head) * width);
            }
        }
        return out;
    }
}
