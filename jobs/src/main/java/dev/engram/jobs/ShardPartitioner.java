package dev.engram.jobs;

import org.apache.spark.Partitioner;

/** Sends the partials of shard {@code i} (the key) to partition {@code i}, so each task writes one shard. */
final class ShardPartitioner extends Partitioner {
    private final int shards;

    ShardPartitioner(int shards) {
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPartitioner that && that.shards == shards;
    }

    @Override
    public int hashCode() {
        return shards;
    }
}
