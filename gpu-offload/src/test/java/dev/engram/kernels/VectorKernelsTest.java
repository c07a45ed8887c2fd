package dev.engram.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each Vector API kernel against the scalar reference on random inputs. Tolerance: 1e-4 relative to the
 * magnitude of the result, which covers float accumulation in a different order against the reference's
 * double sums over a few hundred terms. Sizes are odd on purpose, so vector tails and partial 4 x 4
 * blocks run too. The seed is printed in every failure message.
 */
class VectorKernelsTest {
    private static final double TOLERANCE = 1e-4;
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static VectorKernels vector;
    private static final ScalarKernels REFERENCE = new ScalarKernels();
    private final Random random = new Random(SEED);

    @BeforeAll
    static void start() {
        vector = new VectorKernels(2);
    }

    @AfterAll
    static void stop() {
        vector.close();
    }

    private float[] randomArray(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, int count, String kernel) {
        for (int i = 0; i < count; i++) {
            double bound = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], bound, kernel + " element " + i + " (seed " + SEED + ")");
        }
    }

    @Test
    void matmulMatchesReference() {
        int[][] shapes = {{1, 37, 19}, {7, 64, 33}, {70, 131, 130}, {5, 512, 8}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            float[] x = randomArray(rows * in);
            Matrix w = new Matrix(randomArray(out * in), out, in);
            float[] expected = new float[rows * out];
            float[] actual = new float[rows * out];
            REFERENCE.matmul(x, rows, w, expected);
            vector.matmul(x, rows, w, actual);
            // Sums of `in` products of unit Gaussians grow like sqrt(in); scale the bound with it.
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], TOLERANCE * Math.sqrt(in) * 10,
                        "matmul " + rows + "x" + in + "x" + out + " element " + i + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void rmsNormMatchesReference() {
        int rows = 5;
        int dim = 37;
        float[] x = randomArray(rows * dim);
        float[] weight = randomArray(dim);
        float[] expected = new float[rows * dim];
        float[] actual = new float[rows * dim];
        REFERENCE.rmsNorm(x, rows, dim, weight, 1e-5f, expected);
        vector.rmsNorm(x, rows, dim, weight, 1e-5f, actual);
        assertClose(expected, actual, expected.length, "rmsNorm");
    }

    @Test
    void attentionMatchesReference() {
        AttentionShape shape = new AttentionShape(6, 2, 20);
        int cached = 9;
        int rows = 13;
        float[] q = randomArray(rows * shape.queryWidth());
        float[] keys = randomArray((cached + rows) * shape.kvWidth());
        float[] values = randomArray((cached + rows) * shape.kvWidth());
        float[] expected = new float[q.length];
        float[] actual = new float[q.length];
        REFERENCE.attention(q, rows, cached, keys, values, shape, expected);
        vector.attention(q, rows, cached, keys, values, shape, actual);
        assertClose(expected, actual, expected.length, "attention");
    }

    @Test
    void elementwiseKernelsMatchReference() {
        int count = 101;
        float[] gate = randomArray(count);
        float[] up = randomArray(count);
        float[] expected = gate.clone();
        float[] actual = gate.clone();
        REFERENCE.siluMul(expected, up, count);
        vector.siluMul(actual, up, count);
        assertClose(expected, actual, count, "siluMul");

        float[] accumulatorExpected = randomArray(count);
        float[] accumulatorActual = accumulatorExpected.clone();
        REFERENCE.add(accumulatorExpected, up, count);
        vector.add(accumulatorActual, up, count);
        assertClose(accumulatorExpected, accumulatorActual, count, "add");

        float[] biasExpected = randomArray(3 * 33);
        float[] biasActual = biasExpected.clone();
        float[] bias = randomArray(33);
        REFERENCE.addBias(biasExpected, 3, bias);
        vector.addBias(biasActual, 3, bias);
        assertClose(biasExpected, biasActual, biasExpected.length, "addBias");
    }
}
