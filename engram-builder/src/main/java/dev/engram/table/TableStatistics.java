package dev.engram.table;

import dev.engram.schema.CoveragePoint;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.ShardStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-shard statistics computed from the stored rows alone: fill ratio, count-weighted collision rate,
 * max bucket load and the hot-row coverage curve.
 *
 * <p>The coverage curve ranks all {@code prime} rows of a table by hits, most first, and reports which
 * share of all lookups the top 0.1%, 1% and 10% of rows serve. A steep curve means a small cache of hot
 * rows serves most lookups, which is what makes host-memory tables with prefetch practical.
 */
public final class TableStatistics {
    /** Row shares of the coverage curve. */
    public static final double[] COVERAGE_ROW_SHARES = {0.001, 0.01, 0.1};

    private TableStatistics() {
    }

    public static ShardStats shard(ShardEntry entry, ShardRows rows) {
        long used = 0;
        long hits = 0;
        long collidingHits = 0;
        long maxDistinct = 0;
        long maxHits = 0;
        long[] rowHits = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            long rowHitCount = rows.hits(i);
            long distinct = rows.distinct(i);
            rowHits[i] = rowHitCount;
            if (distinct > 0) {
                used++;
            }
            if (distinct > 1) {
                collidingHits += rowHitCount;
            }
            hits += rowHitCount;
            maxDistinct = Math.max(maxDistinct, distinct);
            maxHits = Math.max(maxHits, rowHitCount);
        }
        return new ShardStats(entry.layerId(), entry.order(), entry.head(), entry.prime(), used,
                (double) used / entry.prime(), hits, hits == 0 ? 0 : (double) collidingHits / hits,
                maxDistinct, maxHits, coverage(rowHits, entry.prime()));
    }

    /**
     * Returns the coverage curve of a set of rows.
     *
     * @param storedHits hits of the stored rows, in any order; it is sorted in place
     * @param totalRows  all rows, stored or not; rows not stored have no hits
     */
    public static List<CoveragePoint> coverage(long[] storedHits, long totalRows) {
        Arrays.sort(storedHits);
        long total = 0;
        for (long h : storedHits) {
            total += h;
        }
        List<CoveragePoint> points = new ArrayList<>();
        for (double share : COVERAGE_ROW_SHARES) {
            long rows = (long) Math.ceil(share * totalRows);
            long served = 0;
            for (int i = storedHits.length - 1; i >= 0 && storedHits.length - i <= rows; i--) {
                served += storedHits[i];
            }
            points.add(new CoveragePoint(share, rows, total == 0 ? 0 : (double) served / total));
        }
        return points;
    }
}
