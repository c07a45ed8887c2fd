package dev.engram.jobs;

import dev.engram.hash.NgramHasher;
import dev.engram.schema.NgramSchema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-Java bucket aggregation, the reference for build-tables: every counted n-gram, pad placeholder
 * replaced by the compressed pad id, hashed with {@link NgramHasher#mix} and {@link NgramHasher#bucket}.
 */
final class ReferenceTables {
    /** Expected content of one bucket. */
    record Bucket(long hits, long distinct, List<Integer> top, long topCount) {
    }

    private ReferenceTables() {
    }

    /** Returns, for one (layer index, order, head), the expected rows keyed by bucket. */
    static Map<Integer, Bucket> shard(Map<List<Integer>, Long> counts, NgramHasher hasher, int layerIndex, int order,
                                      int head) {
        Map<List<Integer>, Long> filled = new HashMap<>();
        int pad = hasher.config().compressedPadId();
        counts.forEach((ngram, count) -> {
            if (ngram.size() == order) {
                filled.merge(ngram.stream().map(id -> id == NgramSchema.PAD ? pad : id).toList(), count, Long::sum);
            }
        });
        Map<Integer, Bucket> buckets = new HashMap<>();
        filled.forEach((ngram, count) -> {
            int[] ids = ngram.stream().mapToInt(Integer::intValue).toArray();
            int bucket = hasher.bucket(hasher.mix(ids, layerIndex), layerIndex, order, head);
            buckets.merge(bucket, new Bucket(count, 1, ngram, count), ReferenceTables::merge);
        });
        return buckets;
    }

    private static Bucket merge(Bucket a, Bucket b) {
        int[] aTop = a.top().stream().mapToInt(Integer::intValue).toArray();
        int[] bTop = b.top().stream().mapToInt(Integer::intValue).toArray();
        boolean aWins = a.topCount() > b.topCount()
                || (a.topCount() == b.topCount() && Arrays.compare(aTop, bTop) < 0);
        return new Bucket(a.hits() + b.hits(), a.distinct() + b.distinct(), aWins ? a.top() : b.top(),
                aWins ? a.topCount() : b.topCount());
    }
}
