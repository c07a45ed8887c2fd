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
 * Hashes each distinct n-gram into its bucket in every (layer, head) of its order, keyed for
 * {@link ShardPartitioner}. Runs in executors; each task builds its own {@link NgramHasher}, which takes
 * microseconds, instead of shipping one.
 */
final class HashNgrams implements PairFlatMapFunction<Iterator<Row>, Long, NgramCount> {
    // HashConfig is not Serializable, so its fields travel and each task rebuilds it.
    private final int[] layerIds;
    private final int maxNgram;
    private final int heads;
    private final int[] tableSizes;
    private final long seed;
    private final long compressedVocabSize;
    private final int compressedPadId;
    private final TableLayout layout;

    HashNgrams(HashConfig config, TableLayout layout) {
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
    public Iterator<Tuple2<Long, NgramCount>> call(Iterator<Row> rows) {
        NgramHasher hasher = new NgramHasher(new HashConfig(layerIds, maxNgram, heads, tableSizes, seed,
                compressedVocabSize, compressedPadId));
        int layers = layerIds.length;
        return new Iterator<>() {
            private final List<Tuple2<Long, NgramCount>> pending = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == pending.size() && rows.hasNext()) {
                    pending.clear();
                    next = 0;
                    hashRow(rows.next());
                }
                return next < pending.size();
            }

            @Override
            public Tuple2<Long, NgramCount> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.get(next++);
            }

            private void hashRow(Row row) {
                int order = row.getInt(0);
                List<Integer> list = row.getList(1);
                int[] ngram = new int[list.size()];
                for (int i = 0; i < ngram.length; i++) {
                    ngram[i] = list.get(i);
                }
                NgramCount value = new NgramCount(ngram, row.getLong(2));
                for (int layer = 0; layer < layers; layer++) {
                    long mix = hasher.mix(ngram, layer);
                    for (int head = 0; head < heads; head++) {
                        int bucket = hasher.bucket(mix, layer, order, head);
                        pending.add(new Tuple2<>(ShardPartitioner.key(layout.shardIndex(layer, order, head), bucket), value));
                    }
                }
            }
        };
    }
}
