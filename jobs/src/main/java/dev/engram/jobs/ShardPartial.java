package dev.engram.jobs;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The aggregated buckets of one shard from part of the n-grams, in primitive arrays sorted by bucket.
 *
 * <p>Each bucket carries hits (sum of counts), distinct n-grams, and the top n-gram: the highest count,
 * ties going to the lexicographically smaller compressed-id array. Both sums and that choice are
 * independent of the order partials are merged in, so any partitioning of the input gives the same rows.
 * Top n-grams are stored flattened ({@code topIds[topStart[i] .. topStart[i + 1])}) so that a partial
 * serializes as a handful of arrays rather than one object per bucket.
 */
final class ShardPartial implements Serializable {
    final int[] buckets;
    final long[] hits;
    final long[] distinct;
    final long[] topCounts;
    final int[] topStart;
    final int[] topIds;

    ShardPartial(int[] buckets, long[] hits, long[] distinct, long[] topCounts, int[] topStart, int[] topIds) {
        this.buckets = buckets;
        this.hits = hits;
        this.distinct = distinct;
        this.topCounts = topCounts;
        this.topStart = topStart;
        this.topIds = topIds;
    }

    int size() {
        return buckets.length;
    }

    int[] top(int index) {
        return Arrays.copyOfRange(topIds, topStart[index], topStart[index + 1]);
    }

    /** Merges two partials of the same shard in one pass over both sorted bucket lists. */
    static ShardPartial merge(ShardPartial a, ShardPartial b) {
        Builder merged = new Builder(a.size() + b.size(), a.topIds.length + b.topIds.length);
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a.buckets[i] < b.buckets[j])) {
                merged.append(a, i++);
            } else if (i == a.size() || b.buckets[j] < a.buckets[i]) {
                merged.append(b, j++);
            } else {
                boolean aWins = wins(a.topCounts[i], a.topIds, a.topStart[i], a.topStart[i + 1],
                        b.topCounts[j], b.topIds, b.topStart[j], b.topStart[j + 1]);
                ShardPartial top = aWins ? a : b;
                int topIndex = aWins ? i : j;
                merged.append(a.buckets[i], a.hits[i] + b.hits[j], a.distinct[i] + b.distinct[j],
                        top.topCounts[topIndex], top.topIds, top.topStart[topIndex], top.topStart[topIndex + 1]);
                i++;
                j++;
            }
        }
        return merged.build();
    }

    /** Returns whether n-gram x (count, ids[from, to)) beats n-gram y as a bucket's top n-gram. */
    static boolean wins(long xCount, int[] xIds, int xFrom, int xTo, long yCount, int[] yIds, int yFrom, int yTo) {
        if (xCount != yCount) {
            return xCount > yCount;
        }
        return Arrays.compare(xIds, xFrom, xTo, yIds, yFrom, yTo) <= 0;
    }

    /** Appends buckets in increasing order. */
    static final class Builder {
        private int size;
        private int[] buckets;
        private long[] hits;
        private long[] distinct;
        private long[] topCounts;
        private int[] topStart;
        private int[] topIds;
        private int topLength;

        Builder(int capacity, int topCapacity) {
            buckets = new int[capacity];
            hits = new long[capacity];
            distinct = new long[capacity];
            topCounts = new long[capacity];
            topStart = new int[capacity + 1];
            topIds = new int[Math.max(topCapacity, 1)];
        }

        void append(ShardPartial from, int index) {
            append(from.buckets[index], from.hits[index], from.distinct[index], from.topCounts[index], from.topIds,
                    from.topStart[index], from.topStart[index + 1]);
        }

        void append(int bucket, long bucketHits, long bucketDistinct, long topCount, int[] ids, int from, int to) {
            if (size == buckets.length) {
                int capacity = Math.max(16, size * 2);
                buckets = Arrays.copyOf(buckets, capacity);
                hits = Arrays.copyOf(hits, capacity);
                distinct = Arrays.copyOf(distinct, capacity);
                topCounts = Arrays.copyOf(topCounts, capacity);
                topStart = Arrays.copyOf(topStart, capacity + 1);
            }
            if (topLength + (to - from) > topIds.length) {
                topIds = Arrays.copyOf(topIds, Math.max(topIds.length * 2, topLength + (to - from)));
            }
            buckets[size] = bucket;
            hits[size] = bucketHits;
            distinct[size] = bucketDistinct;
            topCounts[size] = topCount;
            System.arraycopy(ids, from, topIds, topLength, to - from);
            topLength += to - from;
            size++;
            topStart[size] = topLength;
        }

        ShardPartial build() {
            return new ShardPartial(Arrays.copyOf(buckets, size), Arrays.copyOf(hits, size), Arrays.copyOf(distinct, size),
                    Arrays.copyOf(topCounts, size), Arrays.copyOf(topStart, size + 1), Arrays.copyOf(topIds, topLength));
        }
    }
}
