package dev.engram.jobs;

import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import dev.engram.table.TableLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Hashes the distinct n-grams of one task into their bucket in every (layer, head) of their order and
 * returns one {@link ShardPartial} per shard the task touched, keyed by shard index. Rows are
 * (order, ngram, count) with the pad already filled in. Each task builds its own {@link NgramHasher},
 * which takes microseconds.
 */
final class AggregateShards implements PairFlatMapFunction<Iterator<Row>, Integer, ShardPartial> {
    // HashConfig is not Serializable, so its fields travel and each task rebuilds it.
    private final int[] layerIds;
    private final int maxNgram;
    private final int heads;
    private final int[] tableSizes;
    private final long seed;
    private final long compressedVocabSize;
    private final int compressedPadId;
    private final TableLayout layout;

    AggregateShards(HashConfig config, TableLayout layout) {
        this.layerIds = config.layerIds();
        this.maxNgram = config.maxNgram();
        this.heads = config.headsPerOrder();
        this.tableSizes = config.tableSizePerOrder();
        this.seed = config.seed();
        this.compressedVocabSize = config.compressedVocabSize();
        this.compressedPadId = config.compressedPadId();
        this.layout = layout;
    }

    @Override
    public Iterator<Tuple2<Integer, ShardPartial>> call(Iterator<Row> rows) {
        NgramHasher hasher = new NgramHasher(new HashConfig(layerIds, maxNgram, heads, tableSizes, seed,
                compressedVocabSize, compressedPadId));
        BucketTable[] tables = new BucketTable[layout.shardCount()];
        for (int shard = 0; shard < tables.length; shard++) {
            tables[shard] = new BucketTable();
        }
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
                int firstShard = layout.shardIndex(layer, order, 0);
                for (int head = 0; head < heads; head++) {
                    tables[firstShard + head].add(hasher.bucket(mix, layer, order, head), ngram, count);
                }
            }
        }
        List<Tuple2<Integer, ShardPartial>> partials = new ArrayList<>();
        for (int shard = 0; shard < tables.length; shard++) {
            if (!tables[shard].isEmpty()) {
                partials.add(new Tuple2<>(shard, tables[shard].toPartial()));
                tables[shard] = null;
            }
        }
        return partials.iterator();
    }
}
