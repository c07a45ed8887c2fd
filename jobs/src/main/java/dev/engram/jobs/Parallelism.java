package dev.engram.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spreads a small input over every core. A stage's Parquet output is often one file (adaptive query
 * execution merges small shuffle partitions), and reading it back gives one task, which would leave
 * all but one core idle in the CPU-bound stage that follows.
 */
final class Parallelism {
    private Parallelism() {
    }

    static Dataset<Row> atLeastDefault(Dataset<Row> input) {
        int cores = input.sparkSession().sparkContext().defaultParallelism();
        if (input.rdd().getNumPartitions() >= cores) {
            return input;
        }
        return input.repartition(cores);
    }
}
