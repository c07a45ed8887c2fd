package dev.engram.jobs;

import org.apache.spark.Partitioner;

/**
 * Sends every bucket of one shard to the same partition, numbered like the shard: keys are
 * {@code (shardIndex << 32) | bucket}. Partition {@code i} then holds exactly the rows of shard {@code i}.
 */
final class ShardPartitioner extends Partitioner {
    private final int shards;

    ShardPartitioner(int shards) {
        this.shards = shards;
    }

    static long key(int shardIndex, int bucket) {
        return ((long) shardIndex << 32) | bucket;
    }

    static int bucket(long key) {
        return (int) key;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        return (int) ((Long) key >>> 32);
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
