package dev.engram.train;

import dev.engram.store.EngramTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A writable Engram table in native memory, outside the Java heap, stored as little-endian float32 so it can
 * be written to safetensors without conversion. Training reads and updates only the rows a step touched.
 *
 * <p>Reads may run concurrently; writes must not overlap reads of the same row.
 */
public final class OffHeapTable implements EngramTable, AutoCloseable {
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final MemorySegment rows;
    private final long rowCount;
    private final int rowWidth;

    /** Allocates a zero-filled table of {@code rowCount} rows of {@code rowWidth} floats. */
    public OffHeapTable(long rowCount, int rowWidth) {
        if (rowCount < 1 || rowWidth < 1) {
            throw new IllegalArgumentException("table needs at least one row and column, got " + rowCount + " x "
                    + rowWidth);
        }
        this.arena = Arena.ofShared();
        this.rows = arena.allocate(rowCount * rowWidth * Float.BYTES, 64);
        this.rowCount = rowCount;
        this.rowWidth = rowWidth;
    }

    @Override
    public long rows() {
        return rowCount;
    }

    @Override
    public int rowWidth() {
        return rowWidth;
    }

    @Override
    public void copyRow(long row, float[] out, int offset) {
        MemorySegment.copy(rows, FLOAT, offsetOf(row), out, offset, rowWidth);
    }

    /** Overwrites row {@code row} with {@code rowWidth} floats from {@code values[offset ..]}. */
    public void writeRow(long row, float[] values, int offset) {
        MemorySegment.copy(values, offset, rows, FLOAT, offsetOf(row), rowWidth);
    }

    /** Returns the rows as one little-endian float32 segment, row-major. */
    public MemorySegment segment() {
        return rows;
    }

    private long offsetOf(long row) {
        if (row < 0 || row >= rowCount) {
            throw new IndexOutOfBoundsException("row " + row + " outside table of " + rowCount + " rows");
        }
        return row * rowWidth * Float.BYTES;
    }

    @Override
    public void close() {
        arena.close();
    }
}
