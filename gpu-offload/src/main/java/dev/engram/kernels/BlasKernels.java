package dev.engram.kernels;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vector API backend with matmul and its backward routed to the system's native BLAS {@code sgemm}
 * through netlib-java's JNI bridge ({@code libblas.so.3}; OpenBLAS when {@code libopenblas0-pthread} is the
 * selected alternative). The three products of a linear layer map onto sgemm's transpose flags, so no
 * operand is copied; attention over whole sequences runs as per-head sgemm calls ({@link BlasAttention}).
 * Every other kernel is {@link VectorKernels}'.
 *
 * <p>Limitation: BLAS threads are not set by {@code threads}; OpenBLAS reads {@code OPENBLAS_NUM_THREADS} from
 * the environment once, when it loads (default: all processors).
 */
public final class BlasKernels implements Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(BlasKernels.class);

    private final VectorKernels vector;
    private final BLAS blas;
    private final BlasAttention attention;

    private BlasKernels(VectorKernels vector, BLAS blas) {
        this.vector = vector;
        this.blas = blas;
        this.attention = new BlasAttention(blas);
    }

    /**
     * Returns native-BLAS kernels, or the plain Vector API kernels when no native BLAS loads (the reason is
     * logged once per call).
     */
    public static Kernels createOrFallback(int threads) {
        VectorKernels vector = new VectorKernels(threads);
        try {
            return new BlasKernels(vector, NativeBLAS.getInstance());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Native BLAS unavailable, using Vector API matmuls: {}", e.toString());
            return vector;
        }
    }

    @Override
    public String name() {
        return "blas(" + blas.getClass().getSimpleName() + ") + " + vector.name();
    }

    // Row-major X [rows x in] is column-major X^T, so each product below is written for column-major operands.

    @Override
    public void matmul(float[] x, int rows, Matrix w, float[] out) {
        int in = w.cols();
        int outFeatures = w.rows();
        // out^T [outFeatures x rows] = W [outFeatures x in] * x^T [in x rows]; W is stored as column-major W^T.
        blas.sgemm("T", "N", outFeatures, rows, in, 1f, w.data(), in, x, in, 0f, out, outFeatures);
    }

    @Override
    public void matmulBackward(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW) {
        int in = w.cols();
        int outFeatures = w.rows();
        if (dX != null) {
            // dX^T [in x rows] = W^T [in x outFeatures] * dOut^T [outFeatures x rows].
            blas.sgemm("N", "N", in, rows, outFeatures, 1f, w.data(), in, dOut, outFeatures, 0f, dX, in);
        }
        // dW^T [in x outFeatures] += x^T [in x rows] * dOut [rows x outFeatures].
        blas.sgemm("N", "T", in, outFeatures, rows, 1f, x, in, dOut, outFeatures, 1f, dW, in);
    }

    @Override
    public void addBias(float[] x, int rows, float[] bias) {
        vector.addBias(x, rows, bias);
    }

    @Override
    public void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] out) {
        vector.rmsNorm(x, rows, dim, weight, eps, out);
    }

    @Override
    public void rope(float[] x, int rows, int heads, int headDim, int firstPosition, double theta) {
        vector.rope(x, rows, heads, headDim, firstPosition, theta);
    }

    /** Runs whole sequences (first position 0) on sgemm; decoding with a cache uses the Vector API kernel. */
    @Override
    public void attention(float[] q, int rows, int firstPosition, float[] keys, float[] values, AttentionShape shape,
                          float[] out) {
        if (firstPosition == 0) {
            attention.forward(q, rows, keys, values, shape, out);
        } else {
            vector.attention(q, rows, firstPosition, keys, values, shape, out);
        }
    }

    @Override
    public void siluMul(float[] gate, float[] up, int count) {
        vector.siluMul(gate, up, count);
    }

    @Override
    public void silu(float[] x, int count) {
        vector.silu(x, count);
    }

    @Override
    public void engramGate(float[] query, float[] key, int rows, int dim, float[] alpha) {
        vector.engramGate(query, key, rows, dim, alpha);
    }

    @Override
    public void scaleRows(float[] x, int rows, int dim, float[] scale) {
        vector.scaleRows(x, rows, dim, scale);
    }

    @Override
    public void depthwiseCausalConv(float[] input, int historyRows, int rows, int dim, float[] weight, int kernelSize, int dilation, float[] out) {
        vector.depthwiseCausalConv(input, historyRows, rows, dim, weight, kernelSize, dilation, out);
    }

    @Override
    public void softmax(float[] x, int offset, int length) {
        vector.softmax(x, offset, length);
    }

    @Override
    public void embeddingGather(Matrix table, int[] ids, float[] out) {
        vector.embeddingGather(table, ids, out);
    }

    @Override
    public void add(float[] accumulator, float[] x, int count) {
        vector.add(accumulator, x, count);
    }

    @Override
    public void addBiasBackward(float[] dOut, int rows, float[] dBias) {
        vector.addBiasBackward(dOut, rows, dBias);
    }

    @Override
    public void rmsNormBackward(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX, float[] dWeight) {
        vector.rmsNormBackward(x, rows, dim, weight, eps, dOut, dX, dWeight);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta) {
        vector.ropeBackward(dx, rows, heads, headDim, firstPosition, theta);
    }

    @Override
    public void attentionBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape,
                                  float[] dOut, float[] dQ, float[] dKeys, float[] dValues) {
        attention.backward(q, keys, values, rows, shape, dOut, dQ, dKeys, dValues);
    }

    @Override
    public void siluMulBackward(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp) {
        vector.siluMulBackward(gate, up, dOut, count, dGate, dUp);
    }

    @Override
    public void siluBackward(float[] x, float[] dOut, int count, float[] dX) {
        vector.siluBackward(x, dOut, count, dX);
    }

    @Override
    public void engramGateBackward(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery, float[] dKey) {
        vector.engramGateBackward(query, key, rows, dim, dAlpha, dQuery, dKey);
    }

    @Override
    public void scaleRowsBackward(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX, float[] dScale) {
        vector.scaleRowsBackward(x, rows, dim, scale, dOut, dX, dScale);
    }

    @Override
    public void depthwiseCausalConvBackward(float[] input, int rows, int dim, float[] weight, int kernelSize, int dilation, float[] dOut, float[] dInput, float[] dWeight) {
        vector.depthwiseCausalConvBackward(input, rows, dim, weight, kernelSize, dilation, dOut, dInput, dWeight);
    }

    @Override
    public double crossEntropyBackward(float[] logits, int rows, int vocab, int[] targets, float scale) {
        return vector.crossEntropyBackward(logits, rows, vocab, targets, scale);
    }

    @Override
    public void embeddingGatherBackward(int[] ids, int dim, float[] dOut, float[] dTable) {
        vector.embeddingGatherBackward(ids, dim, dOut, dTable);
    }

    @Override
    public void close() {
        vector.close();
    }
}
