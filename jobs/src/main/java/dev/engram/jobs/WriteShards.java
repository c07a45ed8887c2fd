package dev.engram.jobs;

import dev.engram.schema.ShardEntry;
import dev.engram.table.InitVectors;
import dev.engram.table.ShardFileWriter;
import dev.engram.table.TableLayout;
import dev.engram.table.TableRow;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Writes the shard whose index equals the partition index (see {@link ShardPartitioner}) into the
 * temporary table folder and returns its manifest entry. The merged partial is already sorted by bucket,
 * and every vector comes from {@link InitVectors}, so the file depends on the aggregated rows alone.
 *
 * <p>Limitation: a shard's merged partial is held in executor memory, about 40 bytes per used bucket
 * plus its top n-gram, so the largest table size per head is bounded by executor heap.
 */
final class WriteShards implements Function2<Integer, Iterator<Tuple2<Integer, ShardPartial>>, Iterator<ShardEntry>> {
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
    public Iterator<ShardEntry> call(Integer shardIndex, Iterator<Tuple2<Integer, ShardPartial>> partials) throws Exception {
        TableLayout.ShardKey key = layout.shardKey(shardIndex);
        int prime = primeByShard[shardIndex];
        // reduceByKey leaves at most one partial per shard; a shard no n-gram reached has none.
        ShardPartial stored = partials.hasNext() ? partials.next()._2() : new ShardPartial.Builder(0, 0).build();
        if (partials.hasNext()) {
            throw new IllegalStateException("shard " + key.path() + " received more than one merged partial");
        }
        // Limitation: executors build a default Hadoop Configuration (core-site.xml from their classpath)
        // because Spark's serializable configuration wrapper is not public API.
        ShardEntry entry = ShardFileWriter.write(new Path(tableDir), key, prime, rows(key, prime, stored),
                new Configuration());
        return List.of(entry).iterator();
    }

    private Iterator<TableRow> rows(TableLayout.ShardKey key, int prime, ShardPartial stored) {
        return new Iterator<>() {
            private int bucket;
            private int next;

            @Override
            public boolean hasNext() {
                return storeEmptyBuckets ? bucket < prime : next < stored.size();
            }

            @Override
            public TableRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (!storeEmptyBuckets) {
                    return row(key, stored, next++);
                }
                int current = bucket++;
                if (next < stored.size() && stored.buckets[next] == current) {
                    return row(key, stored, next++);
                }
                return TableRow.empty(current, vector(key, current));
            }
        };
    }

    private TableRow row(TableLayout.ShardKey key, ShardPartial stored, int index) {
        int bucket = stored.buckets[index];
        return new TableRow(bucket, stored.hits[index], stored.distinct[index], stored.top(index),
                stored.topCounts[index], vector(key, bucket));
    }

    private float[] vector(TableLayout.ShardKey key, int bucket) {
        return InitVectors.vector(seed, key.layerId(), key.order(), key.head(), bucket, headDim, std);
    }
}
