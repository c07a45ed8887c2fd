package dev.engram.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API backward kernels that differ from the scalar reference (matmul, attention, cross-entropy)
 * against it on random inputs with odd sizes. Tolerance 1e-4 times {@code max(1, |expected|)}, scaled by
 * {@code sqrt(terms)} for sums of many products, as for the forward kernels: float sums in another order
 * against the reference's double sums.
 */
class VectorBackwardKernelsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final ScalarKernels REFERENCE = new ScalarKernels();
    private static VectorKernels vector;
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

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])),
                    what + " element " + i + " (seed " + SEED + ")");
        }
    }

    @Test
    void matmulBackwardMatchesReference() {
        int[][] shapes = {{1, 37, 19}, {70, 131, 130}, {33, 8, 200}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            float[] x = randomArray(rows * in);
            Matrix w = new Matrix(randomArray(out * in), out, in);
            float[] dOut = randomArray(rows * out);
            float[] expectedDx = new float[x.length];
            float[] actualDx = new float[x.length];
            float[] expectedDw = randomArray(w.data().length);
            float[] actualDw = expectedDw.clone();
            REFERENCE.matmulBackward(x, rows, w, dOut, expectedDx, expectedDw);
            vector.matmulBackward(x, rows, w, dOut, actualDx, actualDw);
            String name = "matmulBackward " + rows + "x" + in + "x" + out;
            assertClose(expectedDx, actualDx, 1e-4 * Math.sqrt(out) * 10, name + " dX");
            assertClose(expectedDw, actualDw, 1e-4 * Math.sqrt(rows) * 10, name + " dW");
        }
    }

    @Test
    void attentionBackwardMatchesReference() {
        AttentionShape shape = new AttentionShape(6, 2, 20);
        int rows = 29;
        float[] q = randomArray(rows * shape.queryWidth());
        float[] keys = randomArray(rows * shape.kvWidth());
        float[] values = randomArray(rows * shape.kvWidth());
        float[] dOut = randomArray(q.length);
        float[][] expected = {new float[q.length], new float[keys.length], new float[values.length]};
        float[][] actual = {new float[q.length], new float[keys.length], new float[values.length]};
        REFERENCE.attentionBackward(q, keys, values, rows, shape, dOut, expected[0], expected[1], expected[2]);
        vector.attentionBackward(q, keys, values, rows, shape, dOut, actual[0], actual[1], actual[2]);
        assertClose(expected[0], actual[0], 1e-3, "attentionBackward dQ");
        assertClose(expected[1], actual[1], 1e-3, "attentionBackward dKeys");
        assertClose(expected[2], actual[2], 1e-3, "attentionBackward dValues");
    }

    @Test
    void crossEntropyBackwardMatchesReference() {
        int rows = 13;
        int vocab = 301;
        float[] logits = randomArray(rows * vocab);
        int[] targets = new int[rows];
        for (int r = 0; r < rows; r++) {
            targets[r] = random.nextInt(vocab);
        }
        float[] expected = logits.clone();
        float[] actual = logits.clone();
        double expectedLoss = REFERENCE.crossEntropyBackward(expected, rows, vocab, targets, 1f / rows);
        double actualLoss = vector.crossEntropyBackward(actual, rows, vocab, targets, 1f / rows);
        assertEquals(expectedLoss, actualLoss, 1e-9 * rows, "cross-entropy loss sum (seed " + SEED + ")");
        assertClose(expected, actual, 1e-6, "crossEntropyBackward dLogits");
    }
}
