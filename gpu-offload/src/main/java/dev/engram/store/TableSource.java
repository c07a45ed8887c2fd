package dev.engram.store;

import java.io.IOException;

/**
 * The origin of a model's Engram rows: the safetensors file today, a table folder written by
 * {@code build-tables} later. The model requests each Engram layer's table by layer id.
 */
public interface TableSource extends AutoCloseable {

    /**
     * Opens the table of one Engram layer.
     *
     * @param expectedRows the sum of the layer's primes; a table of another size is rejected
     * @param rowWidth     floats per row
     */
    EngramTable open(int layerId, long expectedRows, int rowWidth) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
