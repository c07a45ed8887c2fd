package dev.engram.jobs;

import dev.engram.schema.ShardEntry;
import dev.engram.table.InitVectors;
import dev.engram.table.ShardFileWriter;
import dev.engram.table.TableLayout;
import dev.engram.table.TableRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Writes the shard whose index equals the partition index (see {@link ShardPartitioner}) into the
 * temporary table folder and returns its manifest entry. Rows are sorted by bucket here, and every
 * vector comes from {@link InitVectors}, so the file depends on the aggregated rows alone.
 *
 * <p>Limitation: a shard's stored rows are sorted in executor memory, about 100 bytes per bucket plus
 * the top n-gram, so the largest table size per head is bounded by executor heap.
 */
final class WriteShards implements Function2<Integer, Iterator<Tuple2<Long, BucketAggregate>>, Iterator<ShardEntry>> {
    private final String tableDir;
    private final TableLayout layout;
    private final int[] primeByShard;
    private final long seed;
    private final int headDim;
    private final double std;
    private final boolean storeEmptyBuckets;

    WriteShards(String tableDir, TableLayout layout, int[] primeByShard, long seed, int headDim, double std,
                boolean storeEmptyBuckets) {
        this.tableDir = tableDir;
        this.layout = layout;
        this.primeByShard = primeByShard;
        this.seed = seed;
        this.headDim = headDim;
        this.std = std;
        this.storeEmptyBuckets = storeEmptyBuckets;
    }

    @Override
    public Iterator<ShardEntry> call(Integer shardIndex, Iterator<Tuple2<Long, BucketAggregate>> buckets) throws Exception {
        TableLayout.ShardKey key = layout.shardKey(shardIndex);
        int prime = primeByShard[shardIndex];
        List<Tuple2<Long, BucketAggregate>> stored = new ArrayList<>();
        buckets.forEachRemaining(stored::add);
        stored.sort(Comparator.comparingInt(entry -> ShardPartitioner.bucket(entry._1())));

        Iterator<TableRow> rows = storeEmptyBuckets ? allBuckets(key, prime, stored) : storedBuckets(key, stored);
        // Limitation: executors build a default Hadoop Configuration (core-site.xml from their classpath)
        // because Spark's serializable configuration wrapper is not public API.
        ShardEntry entry = ShardFileWriter.write(new Path(tableDir), key, prime, rows, new Configuration());
        return List.of(entry).iterator();
    }

    private Iterator<TableRow> storedBuckets(TableLayout.ShardKey key, List<Tuple2<Long, BucketAggregate>> stored) {
        return stored.stream().map(entry -> row(key, ShardPartitioner.bucket(entry._1()), entry._2())).iterator();
    }

    private Iterator<TableRow> allBuckets(TableLayout.ShardKey key, int prime, List<Tuple2<Long, BucketAggregate>> stored) {
        return new Iterator<>() {
            private int bucket;
            private int nextStored;

            @Override
            public boolean hasNext() {
                return bucket < prime;
            }

            @Override
            public TableRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int current = bucket++;
                if (nextStored < stored.size() && ShardPartitioner.bucket(stored.get(nextStored)._1()) == current) {
                    return row(key, current, stored.get(nextStored++)._2());
                }
                return TableRow.empty(current, vector(key, current));
            }
        };
    }

    private TableRow row(TableLayout.ShardKey key, int bucket, BucketAggregate aggregate) {
        return new TableRow(bucket, aggregate.hits, aggregate.distinct, Arrays.copyOf(aggregate.topNgram,
                aggregate.topNgram.length), aggregate.topCount, vector(key, bucket));
    }

    private float[] vector(TableLayout.ShardKey key, int bucket) {
        return InitVectors.vector(seed, key.layerId(), key.order(), key.head(), bucket, headDim, std);
    }
}
