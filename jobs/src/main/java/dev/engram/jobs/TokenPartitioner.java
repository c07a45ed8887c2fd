package dev.engram.jobs;

import org.apache.spark.Partitioner;

/**
 * Sends a document to the output partition that its first token falls in, when tokens are numbered
 * across the whole corpus in document order. Each partition then contains about {@code tokensPerPartition}
 * tokens of consecutive documents, however the input files were sized.
 */
final class TokenPartitioner extends Partitioner {
    private final int partitions;
    private final long tokensPerPartition;

    TokenPartitioner(int partitions, long tokensPerPartition) {
        this.partitions = partitions;
        this.tokensPerPartition = tokensPerPartition;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    /** Returns the partition of a document whose key is the corpus-wide index of its first token. */
    @Override
    public int getPartition(Object key) {
        return (int) Math.min(partitions - 1, (Long) key / tokensPerPartition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenPartitioner that
                && that.partitions == partitions && that.tokensPerPartition == tokensPerPartition;
    }

    @Override
    public int hashCode() {
        return 31 * partitions + Long.hashCode(tokensPerPartition);
    }
}
