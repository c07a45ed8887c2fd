package dev.engram.table;

import dev.engram.schema.TableConfig;
import java.io.Serializable;
import java.util.List;

/**
 * Numbering and file names of the shards of one table config: one shard per (layer, order, head).
 *
 * <p>Shard indexes run layer, then order, then head, the same walk as the prime assignment, so index
 * {@code (layerIndex * (maxNgram - 1) + order - 2) * heads + head}. Each shard lives at
 * {@code layer=<layerId>/order=<order>/head=<head>/part-0.parquet} under the table folder; the name
 * depends only on the key, so a build on a cluster and a local build write the same paths.
 */
public final class TableLayout implements Serializable {
    private final List<Integer> layerIds;
    private final int maxNgram;
    private final int heads;

    public TableLayout(TableConfig config) {
        this.layerIds = List.copyOf(config.layers());
        this.maxNgram = config.maxNgram();
        this.heads = config.heads();
    }

    /** Identifies one shard; {@code layerIndex} indexes the config's layer list. */
    public record ShardKey(int layerIndex, int layerId, int order, int head) {
        public String path() {
            return shardPath(layerId, order, head);
        }
    }

    public int shardCount() {
        return layerIds.size() * (maxNgram - 1) * heads;
    }

    public int shardIndex(int layerIndex, int order, int head) {
        return (layerIndex * (maxNgram - 1) + order - 2) * heads + head;
    }

    public ShardKey shardKey(int shardIndex) {
        if (shardIndex < 0 || shardIndex >= shardCount()) {
            throw new IllegalArgumentException("shard index " + shardIndex + " is outside [0, " + shardCount() + ")");
        }
        int head = shardIndex % heads;
        int orderIndex = shardIndex / heads % (maxNgram - 1);
        int layerIndex = shardIndex / heads / (maxNgram - 1);
        return new ShardKey(layerIndex, layerIds.get(layerIndex), orderIndex + 2, head);
    }

    /** Returns the shard's file path relative to the table folder, with {@code /} separators. */
    public static String shardPath(int layerId, int order, int head) {
        return "layer=" + layerId + "/order=" + order + "/head=" + head + "/part-0.parquet";
    }
}
