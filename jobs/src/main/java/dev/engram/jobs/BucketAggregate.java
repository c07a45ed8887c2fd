package dev.engram.jobs;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one bucket of one shard has gathered so far: hits, distinct n-grams and the top n-gram.
 *
 * <p>The top n-gram is the one with the highest count; a tie goes to the lexicographically smaller
 * compressed-id array. That order does not depend on the order rows arrive in, so partial aggregates
 * merged in any order on any cluster give the same row.
 */
final class BucketAggregate implements Serializable {
    long hits;
    long distinct;
    long topCount;
    int[] topNgram;

    static BucketAggregate of(int[] ngram, long count) {
        BucketAggregate aggregate = new BucketAggregate();
        aggregate.hits = count;
        aggregate.distinct = 1;
        aggregate.topCount = count;
        aggregate.topNgram = ngram;
        return aggregate;
    }

    /** Adds one distinct n-gram; the caller guarantees it was not added before. */
    BucketAggregate add(int[] ngram, long count) {
        hits += count;
        distinct++;
        offerTop(ngram, count);
        return this;
    }

    BucketAggregate merge(BucketAggregate other) {
        hits += other.hits;
        distinct += other.distinct;
        offerTop(other.topNgram, other.topCount);
        return this;
    }

    private void offerTop(int[] ngram, long count) {
        if (count > topCount || (count == topCount && Arrays.compare(ngram, topNgram) < 0)) {
            topCount = count;
            topNgram = ngram;
        }
    }
}
