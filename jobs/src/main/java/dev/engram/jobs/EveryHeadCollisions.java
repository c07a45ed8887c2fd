package dev.engram.jobs;

import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Counts, per (layer, order), the token positions whose n-gram shares its bucket with another n-gram in
 * every head of its order, so every head returns a shared row for it. Runs in executors over distinct
 * n-grams weighted by count, against a broadcast bit set per shard of the buckets with two or more n-grams.
 *
 * <p>Returns one array per partition: index {@code 2 * (layerIndex * (maxNgram - 1) + order - 2)} contains
 * positions and the next index the positions colliding in every head.
 */
final class EveryHeadCollisions implements MapPartitionsFunction<Row, long[]> {
    private final int[] layerIds;
    private final int maxNgram;
    private final int heads;
    private final int[] tableSizes;
    private final long seed;
    private final long compressedVocabSize;
    private final int compressedPadId;
    /** Per shard index (layer, order, head walk), the buckets with {@code distinct > 1}. */
    private final Broadcast<BitSet[]> colliding;

    EveryHeadCollisions(HashConfig config, Broadcast<BitSet[]> colliding) {
        this.layerIds = config.layerIds();
        this.maxNgram = config.maxNgram();
        this.heads = config.headsPerOrder();
        this.tableSizes = config.tableSizePerOrder();
        this.seed = config.seed();
        this.compressedVocabSize = config.compressedVocabSize();
        this.compressedPadId = config.compressedPadId();
        this.colliding = colliding;
    }

    @Override
    public Iterator<long[]> call(Iterator<Row> rows) {
        NgramHasher hasher = new NgramHasher(new HashConfig(layerIds, maxNgram, heads, tableSizes, seed,
                compressedVocabSize, compressedPadId));
        BitSet[] sets = colliding.value();
        int orders = maxNgram - 1;
        long[] totals = new long[2 * layerIds.length * orders];
        while (rows.hasNext()) {
            Row row = rows.next();
            int order = row.getInt(0);
            List<Integer> list = row.getList(1);
            int[] ngram = new int[list.size()];
            for (int i = 0; i < ngram.length; i++) {
                ngram[i] = list.get(i);
            }
            long count = row.getLong(2);
            for (int layer = 0; layer < layerIds.length; layer++) {
                long mix = hasher.mix(ngram, layer);
                int firstShard = (layer * orders + order - 2) * heads;
                boolean everyHead = true;
                for (int head = 0; head < heads && everyHead; head++) {
                    everyHead = sets[firstShard + head].get(hasher.bucket(mix, layer, order, head));
                }
                int slot = 2 * (layer * orders + order - 2);
                totals[slot] += count;
                if (everyHead) {
                    totals[slot + 1] += count;
                }
            }
        }
        return List.of(totals).iterator();
    }
}
