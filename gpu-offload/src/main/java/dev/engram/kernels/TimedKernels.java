package dev.engram.kernels;

import java.util.Map;
import java.util.TreeMap;

/**
 * A backend wrapper that adds the wall time of each kernel call to a per-kernel total, for reports of where
 * training or inference time goes. Calls a kernel makes internally (the fast matmul backward calls matmul)
 * count only under the outer kernel. Not thread-safe: one caller at a time, as for every backend.
 */
public final class TimedKernels implements Kernels {
    private final Kernels delegate;
    private final Map<String, Long> nanos = new TreeMap<>();

    public TimedKernels(Kernels delegate) {
        this.delegate = delegate;
    }

    /** Returns the seconds spent in each kernel, by method name, since creation or the last {@link #reset}. */
    public Map<String, Double> seconds() {
        Map<String, Double> seconds = new TreeMap<>();
        nanos.forEach((name, total) -> seconds.put(name, total / 1e9));
        return seconds;
    }

    public void reset() {
        nanos.clear();
    }

    private void record(String kernel, long startNanos) {
        nanos.merge(kernel, System.nanoTime() - startNanos, Long::sum);
    }

    @Override
    public String name() {
        return "timed " + delegate.name();
    }

    @Override
    public void matmul(float[] x, int rows, Matrix w, float[] out) {
        long start = System.nanoTime();
        delegate.matmul(x, rows, w, out);
        record("matmul", start);
    }

    @Override
    public void addBias(float[] x, int rows, float[] bias) {
        long start = System.nanoTime();
        delegate.addBias(x, rows, bias);
        record("addBias", start);
    }

    @Override
    public void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] out) {
        long start = System.nanoTime();
        delegate.rmsNorm(x, rows, dim, weight, eps, out);
        record("rmsNorm", start);
    }

    @Override
    public void rope(float[] x, int rows, int heads, int headDim, int firstPosition, double theta) {
        long start = System.nanoTime();
        delegate.rope(x, rows, heads, headDim, firstPosition, theta);
        record("rope", start);
    }

    @Override
    public void attention(float[] q, int rows, int firstPosition, float[] keys, float[] values, AttentionShape shape, float[] out) {
        long start = System.nanoTime();
        delegate.attention(q, rows, firstPosition, keys, values, shape, out);
        record("attention", start);
    }

    @Override
    public void siluMul(float[] gate, float[] up, int count) {
        long start = System.nanoTime();
        delegate.siluMul(gate, up, count);
        record("siluMul", start);
    }

    @Override
    public void silu(float[] x, int count) {
        long start = System.nanoTime();
        delegate.silu(x, count);
        record("silu", start);
    }

    @Override
    public void engramGate(float[] query, float[] key, int rows, int dim, float[] alpha) {
        long start = System.nanoTime();
        delegate.engramGate(query, key, rows, dim, alpha);
        record("engramGate", start);
    }

    @Override
    public void scaleRows(float[] x, int rows, int dim, float[] scale) {
        long start = System.nanoTime();
        delegate.scaleRows(x, rows, dim, scale);
        record("scaleRows", start);
    }

    @Override
    public void depthwiseCausalConv(float[] input, int historyRows, int rows, int dim, float[] weight, int kernelSize, int dilation, float[] out) {
        long start = System.nanoTime();
        delegate.depthwiseCausalConv(input, historyRows, rows, dim, weight, kernelSize, dilation, out);
        record("depthwiseCausalConv", start);
    }

    @Override
    public void softmax(float[] x, int offset, int length) {
        long start = System.nanoTime();
        delegate.softmax(x, offset, length);
        record("softmax", start);
    }

    @Override
    public void embeddingGather(Matrix table, int[] ids, float[] out) {
        long start = System.nanoTime();
        delegate.embeddingGather(table, ids, out);
        record("embeddingGather", start);
    }

    @Override
    public void add(float[] accumulator, float[] x, int count) {
        long start = System.nanoTime();
        delegate.add(accumulator, x, count);
        record("add", start);
    }

    @Override
    public void matmulBackward(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW) {
        long start = System.nanoTime();
        delegate.matmulBackward(x, rows, w, dOut, dX, dW);
        record("matmulBackward", start);
    }

    @Override
    public void addBiasBackward(float[] dOut, int rows, float[] dBias) {
        long start = System.nanoTime();
        delegate.addBiasBackward(dOut, rows, dBias);
        record("addBiasBackward", start);
    }

    @Override
    public void rmsNormBackward(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX, float[] dWeight) {
        long start = System.nanoTime();
        delegate.rmsNormBackward(x, rows, dim, weight, eps, dOut, dX, dWeight);
        record("rmsNormBackward", start);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta) {
        long start = System.nanoTime();
        delegate.ropeBackward(dx, rows, heads, headDim, firstPosition, theta);
        record("ropeBackward", start);
    }

    @Override
    public void attentionBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape, float[] dOut, float[] dQ, float[] dKeys, float[] dValues) {
        long start = System.nanoTime();
        delegate.attentionBackward(q, keys, values, rows, shape, dOut, dQ, dKeys, dValues);
        record("attentionBackward", start);
    }

    @Override
    public void siluMulBackward(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp) {
        long start = System.nanoTime();
        delegate.siluMulBackward(gate, up, dOut, count, dGate, dUp);
        record("siluMulBackward", start);
    }

    @Override
    public void siluBackward(float[] x, float[] dOut, int count, float[] dX) {
        long start = System.nanoTime();
        delegate.siluBackward(x, dOut, count, dX);
        record("siluBackward", start);
    }

    @Override
    public void engramGateBackward(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery, float[] dKey) {
        long start = System.nanoTime();
        delegate.engramGateBackward(query, key, rows, dim, dAlpha, dQuery, dKey);
        record("engramGateBackward", start);
    }

    @Override
    public void scaleRowsBackward(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX, float[] dScale) {
        long start = System.nanoTime();
        delegate.scaleRowsBackward(x, rows, dim, scale, dOut, dX, dScale);
        record("scaleRowsBackward", start);
    }

    @Override
    public void depthwiseCausalConvBackward(float[] input, int rows, int dim, float[] weight, int kernelSize, int dilation, float[] dOut, float[] dInput, float[] dWeight) {
        long start = System.nanoTime();
        delegate.depthwiseCausalConvBackward(input, rows, dim, weight, kernelSize, dilation, dOut, dInput, dWeight);
        record("depthwiseCausalConvBackward", start);
    }

    @Override
    public double crossEntropyBackward(float[] logits, int rows, int vocab, int[] targets, float scale) {
        long start = System.nanoTime();
        double result = delegate.crossEntropyBackward(logits, rows, vocab, targets, scale);
        record("crossEntropyBackward", start);
        return result;
    }

    @Override
    public void embeddingGatherBackward(int[] ids, int dim, float[] dOut, float[] dTable) {
        long start = System.nanoTime();
        delegate.embeddingGatherBackward(ids, dim, dOut, dTable);
        record("embeddingGatherBackward", start);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
