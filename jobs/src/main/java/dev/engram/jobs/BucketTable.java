package dev.engram.jobs;

import java.util.Arrays;

/**
 * Aggregates the buckets of one shard inside a task: an open-addressing hash table from bucket to slot,
 * with the aggregates in parallel primitive arrays, so the n-grams of a task cost no object per
 * (n-gram, head) pair. Memory grows with the buckets the task touches, not with the table size.
 */
final class BucketTable {
    private int[] slotOfBucket = new int[64];
    private int[] buckets = new int[32];
    private long[] hits = new long[32];
    private long[] distinct = new long[32];
    private long[] topCounts = new long[32];
    private int[][] tops = new int[32][];
    private int size;

    /** Adds one distinct n-gram with its count to a bucket. */
    void add(int bucket, int[] ngram, long count) {
        int slot = slot(bucket);
        hits[slot] += count;
        distinct[slot]++;
        if (tops[slot] == null || ShardPartial.wins(count, ngram, 0, ngram.length, topCounts[slot], tops[slot], 0,
                tops[slot].length)) {
            topCounts[slot] = count;
            tops[slot] = ngram;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    ShardPartial toPartial() {
        // Sorting (bucket << 32 | slot) as longs orders the slots by bucket without boxing.
        long[] order = new long[size];
        int topLength = 0;
        for (int slot = 0; slot < size; slot++) {
            order[slot] = ((long) buckets[slot] << 32) | slot;
            topLength += tops[slot].length;
        }
        Arrays.sort(order);
        ShardPartial.Builder builder = new ShardPartial.Builder(size, topLength);
        for (long entry : order) {
            int slot = (int) entry;
            builder.append(buckets[slot], hits[slot], distinct[slot], topCounts[slot], tops[slot], 0, tops[slot].length);
        }
        return builder.build();
    }

    private int slot(int bucket) {
        int mask = slotOfBucket.length - 1;
        // Buckets below a prime are already spread, so a multiplicative mix is enough for probing.
        int index = (bucket * 0x9E3779B9) >>> 1 & mask;
        while (true) {
            int stored = slotOfBucket[index];
            if (stored == 0) {
                return insert(bucket, index);
            }
            if (buckets[stored - 1] == bucket) {
                return stored - 1;
            }
            index = (index + 1) & mask;
        }
    }

    private int insert(int bucket, int index) {
        if (size == buckets.length) {
            int capacity = size * 2;
            buckets = Arrays.copyOf(buckets, capacity);
            hits = Arrays.copyOf(hits, capacity);
            distinct = Arrays.copyOf(distinct, capacity);
            topCounts = Arrays.copyOf(topCounts, capacity);
            tops = Arrays.copyOf(tops, capacity);
        }
        int slot = size++;
        buckets[slot] = bucket;
        slotOfBucket[index] = slot + 1;
        if (size * 2 > slotOfBucket.length) {
            rehash();
        }
        return slot;
    }

    private void rehash() {
        slotOfBucket = new int[slotOfBucket.length * 2];
        int mask = slotOfBucket.length - 1;
        for (int slot = 0; slot < size; slot++) {
            int index = (buckets[slot] * 0x9E3779B9) >>> 1 & mask;
            while (slotOfBucket[index] != 0) {
                index = (index + 1) & mask;
            }
            slotOfBucket[index] = slot + 1;
        }
    }
}
