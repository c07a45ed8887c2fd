package dev.engram.table;

/**
 * One row of an Engram table shard; see {@link dev.engram.schema.TableShardSchema} for the fields.
 * A row that no n-gram reaches has {@code hits == 0}, {@code distinct == 0} and an empty top n-gram.
 */
public record TableRow(int bucket, long hits, long distinct, int[] topNgram, long topCount, float[] vector) {

    public static TableRow empty(int bucket, float[] vector) {
        return new TableRow(bucket, 0, 0, new int[0], 0, vector);
    }

    public boolean isEmpty() {
        return distinct == 0;
    }
}
