package dev.engram.table;

import java.util.Arrays;

/**
 * The stored rows of one shard in column arrays, sorted by bucket; buckets that are not stored read as
 * empty rows with the initial vector.
 */
public final class ShardRows {
    private final int[] buckets;
    private final long[] hits;
    private final long[] distinct;
    private final int[][] topNgrams;
    private final long[] topCounts;
    private final float[] vectors;
    private final int dim;

    ShardRows(int[] buckets, long[] hits, long[] distinct, int[][] topNgrams, long[] topCounts, float[] vectors, int dim) {
        this.buckets = buckets;
        this.hits = hits;
        this.distinct = distinct;
        this.topNgrams = topNgrams;
        this.topCounts = topCounts;
        this.vectors = vectors;
        this.dim = dim;
    }

    public int size() {
        return buckets.length;
    }

    /** Returns the position of {@code bucket} among the stored rows, or a negative number when it is not stored. */
    public int indexOf(int bucket) {
        return Arrays.binarySearch(buckets, bucket);
    }

    public TableRow row(int index) {
        float[] vector = Arrays.copyOfRange(vectors, index * dim, (index + 1) * dim);
        return new TableRow(buckets[index], hits[index], distinct[index], topNgrams[index].clone(), topCounts[index], vector);
    }

    public int bucket(int index) {
        return buckets[index];
    }

    public long hits(int index) {
        return hits[index];
    }

    public long distinct(int index) {
        return distinct[index];
    }
}
