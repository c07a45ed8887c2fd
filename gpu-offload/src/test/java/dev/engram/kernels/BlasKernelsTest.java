package dev.engram.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The native-BLAS matmul and its backward against the scalar reference, on odd shapes. Tolerance as for the
 * Vector API kernels: 1e-3 times {@code sqrt(terms)} times {@code max(1, |expected|)}. Skipped where no
 * native BLAS loads.
 */
class BlasKernelsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final ScalarKernels REFERENCE = new ScalarKernels();
    private final Random random = new Random(SEED);

    private float[] randomArray(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])),
                    what + " element " + i + " (seed " + SEED + ")");
        }
    }

    @Test
    void matmulAndBackwardMatchReference() {
        try (Kernels kernels = BlasKernels.createOrFallback(1)) {
            assumeTrue(kernels instanceof BlasKernels, "no native BLAS on this machine");
            int[][] shapes = {{1, 37, 19}, {70, 131, 130}, {33, 8, 200}};
            for (int[] shape : shapes) {
                int rows = shape[0];
                int in = shape[1];
                int out = shape[2];
                String name = rows + "x" + in + "x" + out;
                float[] x = randomArray(rows * in);
                Matrix w = new Matrix(randomArray(out * in), out, in);
                float[] expected = new float[rows * out];
                float[] actual = new float[rows * out];
                REFERENCE.matmul(x, rows, w, expected);
                kernels.matmul(x, rows, w, actual);
                assertClose(expected, actual, 1e-3 * Math.sqrt(in), "matmul " + name);

                float[] dOut = randomArray(rows * out);
                float[] expectedDx = new float[x.length];
                float[] actualDx = new float[x.length];
                float[] expectedDw = randomArray(w.data().length);
                float[] actualDw = expectedDw.clone();
                REFERENCE.matmulBackward(x, rows, w, dOut, expectedDx, expectedDw);
                kernels.matmulBackward(x, rows, w, dOut, actualDx, actualDw);
                assertClose(expectedDx, actualDx, 1e-3 * Math.sqrt(out), "matmulBackward dX " + name);
                assertClose(expectedDw, actualDw, 1e-3 * Math.sqrt(rows), "matmulBackward dW " + name);
            }
        }
    }

    @Test
    void attentionAndBackwardMatchReference() {
        try (Kernels kernels = BlasKernels.createOrFallback(1)) {
            assumeTrue(kernels instanceof BlasKernels, "no native BLAS on this machine");
            AttentionShape shape = new AttentionShape(6, 2, 20);
            int rows = 29;
            float[] q = randomArray(rows * shape.queryWidth());
            float[] keys = randomArray(rows * shape.kvWidth());
            float[] values = randomArray(rows * shape.kvWidth());
            float[] expected = new float[q.length];
            float[] actual = new float[q.length];
            REFERENCE.attention(q, rows, 0, keys, values, shape, expected);
            kernels.attention(q, rows, 0, keys, values, shape, actual);
            assertClose(expected, actual, 1e-4, "attention");

            float[] dOut = randomArray(q.length);
            float[][] expectedGradients = {new float[q.length], new float[keys.length], new float[values.length]};
            float[][] actualGradients = {new float[q.length], new float[keys.length], new float[values.length]};
            REFERENCE.attentionBackward(q, keys, values, rows, shape, dOut, expectedGradients[0], expectedGradients[1],
                    expectedGradients[2]);
            kernels.attentionBackward(q, keys, values, rows, shape, dOut, actualGradients[0], actualGradients[1],
                    actualGradients[2]);
            assertClose(expectedGradients[0], actualGradients[0], 1e-3, "attentionBackward dQ");
            assertClose(expectedGradients[1], actualGradients[1], 1e-3, "attentionBackward dKeys");
            assertClose(expectedGradients[2], actualGradients[2], 1e-3, "attentionBackward dValues");
        }
    }
}
