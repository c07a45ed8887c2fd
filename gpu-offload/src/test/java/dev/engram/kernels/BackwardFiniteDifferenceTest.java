package dev.engram.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each backward kernel of the scalar reference against central finite differences of its forward kernel.
 * The objective is {@code L = sum(dOut * forward(inputs))} for a random {@code dOut}, so the analytic input
 * gradients are exactly what the backward kernel returns for that {@code dOut}. The step is 1e-2 on float32
 * forward values. An element passes within 1e-2 relative plus 2e-3 absolute, well above float rounding in the
 * forward (about 1e-7 relative per output, divided by the step) and the O(h^2) truncation.
 */
class BackwardFiniteDifferenceTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final double STEP = 1e-2;
    private final Random random = new Random(SEED);
    private final ScalarKernels kernels = new ScalarKernels();

    private float[] randomArray(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double objective(Supplier<float[]> forward, float[] dOut) {
        float[] out = forward.get();
        double sum = 0;
        for (int i = 0; i < dOut.length; i++) {
            sum += (double) out[i] * dOut[i];
        }
        return sum;
    }

    private void check(float[] input, float[] analytic, Supplier<float[]> forward, float[] dOut, String what) {
        for (int i = 0; i < input.length; i++) {
            float saved = input[i];
            input[i] = (float) (saved + STEP);
            double plus = objective(forward, dOut);
            input[i] = (float) (saved - STEP);
            double minus = objective(forward, dOut);
            input[i] = saved;
            double numeric = (plus - minus) / (2 * STEP);
            double bound = 2e-3 + 1e-2 * Math.max(Math.abs(numeric), Math.abs(analytic[i]));
            assertTrue(Math.abs(numeric - analytic[i]) <= bound, what + " element " + i + ": finite difference "
                    + numeric + ", backward " + analytic[i] + " (seed " + SEED + ")");
        }
    }

    @Test
    void matmulAndBias() {
        int rows = 3;
        Matrix w = new Matrix(randomArray(4 * 5), 4, 5);
        float[] x = randomArray(rows * 5);
        float[] bias = randomArray(4);
        float[] dOut = randomArray(rows * 4);
        float[] dX = new float[x.length];
        float[] dW = new float[w.data().length];
        float[] dBias = new float[4];
        kernels.matmulBackward(x, rows, w, dOut, dX, dW);
        kernels.addBiasBackward(dOut, rows, dBias);
        Supplier<float[]> forward = () -> {
            float[] out = new float[rows * 4];
            kernels.matmul(x, rows, w, out);
            kernels.addBias(out, rows, bias);
            return out;
        };
        check(x, dX, forward, dOut, "matmul dX");
        check(w.data(), dW, forward, dOut, "matmul dW");
        check(bias, dBias, forward, dOut, "addBias dBias");
    }

    @Test
    void rmsNorm() {
        int rows = 3;
        int dim = 6;
        float[] x = randomArray(rows * dim);
        float[] weight = randomArray(dim);
        float[] dOut = randomArray(rows * dim);
        float[] dX = new float[x.length];
        float[] dWeight = new float[dim];
        kernels.rmsNormBackward(x, rows, dim, weight, 1e-5f, dOut, dX, dWeight);
        Supplier<float[]> forward = () -> {
            float[] out = new float[rows * dim];
            kernels.rmsNorm(x, rows, dim, weight, 1e-5f, out);
            return out;
        };
        check(x, dX, forward, dOut, "rmsNorm dX");
        check(weight, dWeight, forward, dOut, "rmsNorm dWeight");
    }

    @Test
    void rope() {
        int rows = 4;
        int heads = 2;
        int headDim = 6;
        float[] x = randomArray(rows * heads * headDim);
        float[] dOut = randomArray(x.length);
        float[] dX = dOut.clone();
        kernels.ropeBackward(dX, rows, heads, headDim, 3, 10000.0);
        check(x, dX, () -> {
            float[] out = x.clone();
            kernels.rope(out, rows, heads, headDim, 3, 10000.0);
            return out;
        }, dOut, "rope dX");
    }

    @Test
    void groupedQueryAttention() {
        AttentionShape shape = new AttentionShape(4, 2, 3);
        int rows = 5;
        float[] q = randomArray(rows * shape.queryWidth());
        float[] keys = randomArray(rows * shape.kvWidth());
        float[] values = randomArray(rows * shape.kvWidth());
        float[] dOut = randomArray(q.length);
        float[] dQ = new float[q.length];
        float[] dKeys = new float[keys.length];
        float[] dValues = new float[values.length];
        kernels.attentionBackward(q, keys, values, rows, shape, dOut, dQ, dKeys, dValues);
        Supplier<float[]> forward = () -> {
            float[] out = new float[q.length];
            kernels.attention(q, rows, 0, keys, values, shape, out);
            return out;
        };
        check(q, dQ, forward, dOut, "attention dQ");
        check(keys, dKeys, forward, dOut, "attention dKeys");
        check(values, dValues, forward, dOut, "attention dValues");
    }

    @Test
    void swiGluAndSilu() {
        int count = 9;
        float[] gate = randomArray(count);
        float[] up = randomArray(count);
        float[] dOut = randomArray(count);
        float[] dGate = new float[count];
        float[] dUp = new float[count];
        kernels.siluMulBackward(gate, up, dOut, count, dGate, dUp);
        Supplier<float[]> swiGlu = () -> {
            float[] out = gate.clone();
            kernels.siluMul(out, up, count);
            return out;
        };
        check(gate, dGate, swiGlu, dOut, "siluMul dGate");
        check(up, dUp, swiGlu, dOut, "siluMul dUp");

        float[] dX = new float[count];
        kernels.siluBackward(gate, dOut, count, dX);
        check(gate, dX, () -> {
            float[] out = gate.clone();
            kernels.silu(out, count);
            return out;
        }, dOut, "silu dX");
    }

    @Test
    void engramGateWithSignedSquareRoot() {
        int rows = 6;
        int dim = 5;
        float[] query = randomArray(rows * dim);
        float[] key = randomArray(rows * dim);
        float[] dAlpha = randomArray(rows);
        float[] dQuery = new float[query.length];
        float[] dKey = new float[key.length];
        kernels.engramGateBackward(query, key, rows, dim, dAlpha, dQuery, dKey);
        Supplier<float[]> forward = () -> {
            float[] alpha = new float[rows];
            kernels.engramGate(query, key, rows, dim, alpha);
            return alpha;
        };
        // The signed square root bends sharply near a zero score, where a step of 1e-2 is not small. Such rows
        // are left out (zero dAlpha) rather than checked with a loose bound.
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += query[r * dim + c] * key[r * dim + c];
            }
            if (Math.abs(dot) / Math.sqrt(dim) < 0.2) {
                dAlpha[r] = 0;
            }
        }
        java.util.Arrays.fill(dQuery, 0f);
        java.util.Arrays.fill(dKey, 0f);
        kernels.engramGateBackward(query, key, rows, dim, dAlpha, dQuery, dKey);
        check(query, dQuery, forward, dAlpha, "engramGate dQuery");
        check(key, dKey, forward, dAlpha, "engramGate dKey");
    }

    @Test
    void scaleRows() {
        int rows = 3;
        int dim = 4;
        float[] x = randomArray(rows * dim);
        float[] scale = randomArray(rows);
        float[] dOut = randomArray(x.length);
        float[] dX = new float[x.length];
        float[] dScale = new float[rows];
        kernels.scaleRowsBackward(x, rows, dim, scale, dOut, dX, dScale);
        Supplier<float[]> forward = () -> {
            float[] out = x.clone();
            kernels.scaleRows(out, rows, dim, scale);
            return out;
        };
        check(x, dX, forward, dOut, "scaleRows dX");
        check(scale, dScale, forward, dOut, "scaleRows dScale");
    }

    @Test
    void dilatedCausalConvolution() {
        int rows = 11;
        int dim = 3;
        int kernelSize = 4;
        int dilation = 3;
        float[] input = randomArray(rows * dim);
        float[] weight = randomArray(dim * kernelSize);
        float[] dOut = randomArray(rows * dim);
        float[] dInput = new float[input.length];
        float[] dWeight = new float[weight.length];
        kernels.depthwiseCausalConvBackward(input, rows, dim, weight, kernelSize, dilation, dOut, dInput, dWeight);
        Supplier<float[]> forward = () -> {
            float[] out = new float[rows * dim];
            kernels.depthwiseCausalConv(input, 0, rows, dim, weight, kernelSize, dilation, out);
            return out;
        };
        check(input, dInput, forward, dOut, "conv dInput");
        check(weight, dWeight, forward, dOut, "conv dWeight");
    }

    @Test
    void crossEntropyAndEmbedding() {
        int rows = 3;
        int vocab = 7;
        float[] logits = randomArray(rows * vocab);
        int[] targets = {2, 6, 0};
        float[] gradient = logits.clone();
        kernels.crossEntropyBackward(gradient, rows, vocab, targets, 0.5f);
        float[] one = {1f};
        check(logits, gradient, () -> {
            float[] copy = logits.clone();
            return new float[] {(float) (0.5 * kernels.crossEntropyBackward(copy, rows, vocab, targets, 1f))};
        }, one, "crossEntropy dLogits");

        Matrix table = new Matrix(randomArray(5 * 3), 5, 3);
        int[] ids = {4, 1, 4, 0};
        float[] dOut = randomArray(ids.length * 3);
        float[] dTable = new float[table.data().length];
        kernels.embeddingGatherBackward(ids, 3, dOut, dTable);
        check(table.data(), dTable, () -> {
            float[] out = new float[ids.length * 3];
            kernels.embeddingGather(table, ids, out);
            return out;
        }, dOut, "embeddingGather dTable");
    }
}
