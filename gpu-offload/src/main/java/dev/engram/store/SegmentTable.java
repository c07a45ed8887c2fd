package dev.engram.store;

import dev.engram.safetensors.DType;
import dev.engram.safetensors.SafetensorsFile;
import java.lang.foreign.MemorySegment;

/**
 * An {@link EngramTable} over a {@link MemorySegment}: a slice of a memory-mapped file or native memory from
 * an {@link java.lang.foreign.Arena}. The owner of the segment keeps it alive while the table is in use.
 */
public final class SegmentTable implements EngramTable {
    private final MemorySegment rows;
    private final DType dtype;
    private final long rowCount;
    private final int rowWidth;

    /**
     * @param rows     row-major little-endian elements, {@code rowCount * rowWidth} of them
     * @param dtype    element type of the segment
     */
    public SegmentTable(MemorySegment rows, DType dtype, long rowCount, int rowWidth) {
        long expectedBytes = rowCount * rowWidth * dtype.bytes();
        if (rowCount < 1 || rowWidth < 1 || rows.byteSize() != expectedBytes) {
            throw new IllegalArgumentException("table segment of " + rows.byteSize() + " bytes does not hold "
                    + rowCount + " rows of " + rowWidth + " " + dtype + " values (" + expectedBytes + " bytes)");
        }
        this.rows = rows;
        this.dtype = dtype;
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
        if (row < 0 || row >= rowCount) {
            throw new IndexOutOfBoundsException("row " + row + " outside table of " + rowCount + " rows");
        }
        SafetensorsFile.copyToFloats(rows, dtype, row * rowWidth, out, offset, rowWidth);
    }

    /** Returns the size of the rows in bytes. */
    public long byteSize() {
        return rows.byteSize();
    }
}
