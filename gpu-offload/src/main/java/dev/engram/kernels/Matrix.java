package dev.engram.kernels;

/**
 * A dense row-major float matrix on the Java heap, as PyTorch stores a {@code Linear} weight: {@code rows}
 * output features of {@code cols} input features each.
 */
public record Matrix(float[] data, int rows, int cols) {

    public Matrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix of " + rows + " x " + cols + " needs " + (long) rows * cols
                    + " values, got " + data.length);
        }
    }

    /** Returns the element at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        return data[row * cols + col];
    }
}
