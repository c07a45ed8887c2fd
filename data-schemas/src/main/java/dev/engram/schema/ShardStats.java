package dev.engram.schema;

import java.util.List;

/**
 * Statistics of one (layer, order, head) table.
 *
 * @param layerId       transformer layer id
 * @param order         n-gram order
 * @param head          hash head
 * @param prime         buckets in the table
 * @param usedBuckets   buckets at least one n-gram reaches
 * @param fillRatio     {@code usedBuckets / prime}
 * @param hits          lookups into this table, the sum of the counts of its n-grams
 * @param collisionRate share of the hits that land in a bucket shared by two or more distinct n-grams
 * @param maxDistinct   most distinct n-grams in one bucket (the max bucket load)
 * @param maxHits       most hits on one bucket
 * @param coverage      hot-row coverage curve over the {@code prime} rows
 */
public record ShardStats(int layerId, int order, int head, int prime, long usedBuckets, double fillRatio,
                         long hits, double collisionRate, long maxDistinct, long maxHits,
                         List<CoveragePoint> coverage) {
    public ShardStats {
        coverage = List.copyOf(coverage);
    }
}
