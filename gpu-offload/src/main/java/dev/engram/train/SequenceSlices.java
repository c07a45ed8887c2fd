package dev.engram.train;

/**
 * Copies between a batch laid out as {@code sequences x length} rows and one sequence's rows. Matmuls run on
 * the whole batch at once; attention, rotary positions and the causal convolution restart at each sequence.
 */
final class SequenceSlices {
    private SequenceSlices() {
    }

    static float[] slice(float[] batch, int sequence, int length, int width) {
        float[] out = new float[length * width];
        System.arraycopy(batch, sequence * length * width, out, 0, length * width);
        return out;
    }

    static void store(float[] slice, float[] batch, int sequence, int length, int width) {
        System.arraycopy(slice, 0, batch, sequence * length * width, length * width);
    }
}
