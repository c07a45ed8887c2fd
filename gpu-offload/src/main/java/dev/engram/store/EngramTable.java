package dev.engram.store;

/**
 * The rows of one Engram layer's multi-head embedding, held outside the Java heap. Implementations are
 * safe for concurrent reads, so a prefetch thread can gather while the model runs.
 */
public interface EngramTable {

    /** Returns the number of rows, the sum of the primes of all (order, head) tables of the layer. */
    long rows();

    /** Returns the width of one row in floats (one hash head's share of the embedding). */
    int rowWidth();

    /** Copies row {@code row} into {@code out[offset .. offset + rowWidth())}. */
    void copyRow(long row, float[] out, int offset);
}
