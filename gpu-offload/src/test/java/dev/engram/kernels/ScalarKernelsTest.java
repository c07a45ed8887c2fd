package dev.engram.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference kernels on inputs small enough to work out by hand. */
class ScalarKernelsTest {
    private final ScalarKernels kernels = new ScalarKernels();

    @Test
    void matmulComputesLinearWithoutBias() {
        float[] x = {1, 2, 3, 4};
        Matrix w = new Matrix(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        float[] out = new float[6];
        kernels.matmul(x, 2, w, out);
        assertArrayEquals(new float[] {1, 2, 3, 3, 4, 7}, out);
    }

    @Test
    void ropeRotatesHalvesByPositionAngle() {
        // headDim 2: one pair (x0, x1) rotated by angle = position * theta^0 = position.
        float[] x = {1, 0};
        kernels.rope(x, 1, 1, 2, 3, 10000);
        assertEquals(Math.cos(3), x[0], 1e-6);
        assertEquals(Math.sin(3), x[1], 1e-6);
    }

    @Test
    void causalConvReadsDilatedPastRows() {
        // One channel, kernel 2, dilation 2: out[t] = w0 * in[t - 2] + w1 * in[t].
        float[] input = {1, 2, 3, 4, 5};
        float[] out = new float[3];
        kernels.depthwiseCausalConv(input, 2, 3, 1, new float[] {10, 1}, 2, 2, out);
        assertArrayEquals(new float[] {13, 24, 35}, out);
    }

    @Test
    void causalConvTreatsMissingHistoryAsZero() {
        float[] input = {3, 4};
        float[] out = new float[2];
        kernels.depthwiseCausalConv(input, 0, 2, 1, new float[] {10, 1}, 2, 1, out);
        assertArrayEquals(new float[] {3, 34}, out);
    }

    @Test
    void engramGateAppliesSignedSquareRoot() {
        // dot = -4 over dim 4: score = -2, signed sqrt = -sqrt(2), alpha = sigmoid(-sqrt(2)).
        float[] query = {1, 1, 1, 1};
        float[] key = {-1, -1, -1, -1};
        float[] alpha = new float[1];
        kernels.engramGate(query, key, 1, 4, alpha);
        assertEquals(1 / (1 + Math.exp(Math.sqrt(2))), alpha[0], 1e-7);
    }

    @Test
    void attentionOfSinglePositionReturnsItsValue() {
        AttentionShape shape = new AttentionShape(2, 1, 2);
        float[] out = new float[4];
        kernels.attention(new float[] {5, 6, 7, 8}, 1, 0, new float[] {1, 1}, new float[] {3, 4}, shape, out);
        assertArrayEquals(new float[] {3, 4, 3, 4}, out);
    }

    @Test
    void softmaxSumsToOne() {
        float[] x = {0, 0, 1000, 1000};
        kernels.softmax(x, 1, 3);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f}, x, 1e-7f);
    }
}
