package dev.engram.schema;

import java.util.List;

/**
 * {@value #FILE} of a table folder, written by {@code table-stats}.
 *
 * @param table          the table folder
 * @param shards         per (layer, order, head) statistics, in manifest order
 * @param orders         per (layer, order) share of positions colliding in every head; empty when the
 *                       n-gram input listed in the manifest could not be read
 * @param coverage       hot-row coverage over the rows of all shards together
 */
public record TableStats(String table, List<ShardStats> shards, List<OrderCollisionStats> orders,
                         List<CoveragePoint> coverage) {
    public static final String FILE = "stats.json";

    public TableStats {
        shards = List.copyOf(shards);
        orders = List.copyOf(orders);
        coverage = List.copyOf(coverage);
    }
}
