package dev.engram.train;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The gradient of one Engram table restricted to the rows a step read: a sparse gradient, so its size and
 * the update cost follow the batch, not the table.
 */
public final class EngramRowGradients {
    private final int rowWidth;
    private final Map<Long, Integer> slots = new HashMap<>();
    private long[] rows = new long[64];
    private float[] gradients;

    EngramRowGradients(int rowWidth) {
        this.rowWidth = rowWidth;
        this.gradients = new float[64 * rowWidth];
    }

    /** Adds {@code rowWidth} values from {@code values[offset ..]} to the gradient of {@code row}. */
    void add(long row, float[] values, int offset) {
        Integer slot = slots.get(row);
        if (slot == null) {
            slot = slots.size();
            slots.put(row, slot);
            if (slot == rows.length) {
                rows = Arrays.copyOf(rows, rows.length * 2);
                gradients = Arrays.copyOf(gradients, gradients.length * 2);
            }
            rows[slot] = row;
        }
        int base = slot * rowWidth;
        for (int c = 0; c < rowWidth; c++) {
            gradients[base + c] += values[offset + c];
        }
    }

    /** Returns the number of distinct rows touched. */
    public int size() {
        return slots.size();
    }

    public int rowWidth() {
        return rowWidth;
    }

    /** Returns the table row of slot {@code slot}; slots are numbered in first-touch order. */
    public long row(int slot) {
        return rows[slot];
    }

    /** Returns the gradient array; slot {@code s} occupies {@code [s * rowWidth, (s + 1) * rowWidth)}. */
    public float[] gradients() {
        return gradients;
    }

    /** Multiplies every gradient by {@code factor}, as gradient clipping does. */
    void scale(float factor) {
        for (int i = 0; i < size() * rowWidth; i++) {
            gradients[i] *= factor;
        }
    }

    /** Returns the sum of squares of the gradients. */
    double squaredNorm() {
        double sum = 0;
        for (int i = 0; i < size() * rowWidth; i++) {
            sum += (double) gradients[i] * gradients[i];
        }
        return sum;
    }
}
