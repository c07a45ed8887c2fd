package dev.engram.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The default backend: Java Vector API loops, with matmul and attention split over a fixed number of
 * threads. Cheap element-wise kernels that do not pay for vectorizing delegate to {@link ScalarKernels}.
 * Needs {@code --add-modules jdk.incubator.vector}.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Rows of x kept hot in cache while a thread walks its share of weight rows. */
    private static final int ROW_TILE = 64;
    /** Below about this many multiply-adds per chunk, handing work to another thread costs more than it saves. */
    private static final int MIN_FLOPS_PER_CHUNK = 1 << 16;

    private final WorkerPool pool;
    private final ScalarKernels scalar = new ScalarKernels();

    /** Creates a backend that uses {@code threads} threads (the calling one included) for large kernels. */
    public VectorKernels(int threads) {
        this.pool = new WorkerPool(threads);
    }

    @Override
    public String name() {
        return "vector(" + SPECIES.length() + " lanes, " + pool.threads() + " threads)";
    }

    @Override
    public void matmul(float[] x, int rows, Matrix w, float[] out) {
        int in = w.cols();
        long work = (long) rows * in;
        int minRowsPerChunk = (int) Math.max(4, MIN_FLOPS_PER_CHUNK / Math.max(1, work));
        pool.run(w.rows(), minRowsPerChunk, 4, (start, end) -> matmulRange(x, rows, w, out, start, end));
    }

    private static void matmulRange(float[] x, int rows, Matrix w, float[] out, int outStart, int outEnd) {
        for (int tile = 0; tile < rows; tile += ROW_TILE) {
            int tileEnd = Math.min(rows, tile + ROW_TILE);
            int o = outStart;
            for (; o + 4 <= outEnd; o += 4) {
                int r = tile;
                for (; r + 4 <= tileEnd; r += 4) {
                    block4x4(x, r, w, o, out);
                }
                for (; r < tileEnd; r++) {
                    block1x4(x, r, w, o, out);
                }
            }
            for (; o < outEnd; o++) {
                for (int r = tile; r < tileEnd; r++) {
                    out[r * w.rows() + o] = dot(x, r * w.cols(), w.data(), o * w.cols(), w.cols());
                }
            }
        }
    }

    /**
     * Computes a 4 x 4 block of outputs. Sixteen accumulators reuse each loaded vector four times, so there
     * are two multiply-adds per load. With 512-bit vectors the 32 registers fit them and the eight operands.
     */
    private static void block4x4(float[] x, int r, Matrix w, int o, float[] out) {
        int in = w.cols();
        float[] wd = w.data();
        int x0 = r * in, x1 = x0 + in, x2 = x1 + in, x3 = x2 + in;
        int w0 = o * in, w1 = w0 + in, w2 = w1 + in, w3 = w2 + in;
        FloatVector a00 = FloatVector.zero(SPECIES), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;

        int upper = SPECIES.loopBound(in);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, wd, w0 + i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, wd, w1 + i);
            FloatVector v2 = FloatVector.fromArray(SPECIES, wd, w2 + i);
            FloatVector v3 = FloatVector.fromArray(SPECIES, wd, w3 + i);
            FloatVector u = FloatVector.fromArray(SPECIES, x, x0 + i);
            a00 = u.fma(v0, a00);
            a01 = u.fma(v1, a01);
            a02 = u.fma(v2, a02);
            a03 = u.fma(v3, a03);
            u = FloatVector.fromArray(SPECIES, x, x1 + i);
            a10 = u.fma(v0, a10);
            a11 = u.fma(v1, a11);
            a12 = u.fma(v2, a12);
            a13 = u.fma(v3, a13);
            u = FloatVector.fromArray(SPECIES, x, x2 + i);
            a20 = u.fma(v0, a20);
            a21 = u.fma(v1, a21);
            a22 = u.fma(v2, a22);
            a23 = u.fma(v3, a23);
            u = FloatVector.fromArray(SPECIES, x, x3 + i);
            a30 = u.fma(v0, a30);
            a31 = u.fma(v1, a31);
            a32 = u.fma(v2, a32);
            a33 = u.fma(v3, a33);
        }

        int stride = w.rows();
        store(out, r * stride + o, a00, a01, a02, a03, x, x0, wd, w0, i, in);
        store(out, (r + 1) * stride + o, a10, a11, a12, a13, x, x1, wd, w0, i, in);
        store(out, (r + 2) * stride + o, a20, a21, a22, a23, x, x2, wd, w0, i, in);
        store(out, (r + 3) * stride + o, a30, a31, a32, a33, x, x3, wd, w0, i, in);
    }

    private static void block1x4(float[] x, int r, Matrix w, int o, float[] out) {
        int in = w.cols();
        float[] wd = w.data();
        int x0 = r * in;
        int w0 = o * in, w1 = w0 + in, w2 = w1 + in, w3 = w2 + in;
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int upper = SPECIES.loopBound(in);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            FloatVector u = FloatVector.fromArray(SPECIES, x, x0 + i);
            a0 = u.fma(FloatVector.fromArray(SPECIES, wd, w0 + i), a0);
            a1 = u.fma(FloatVector.fromArray(SPECIES, wd, w1 + i), a1);
            a2 = u.fma(FloatVector.fromArray(SPECIES, wd, w2 + i), a2);
            a3 = u.fma(FloatVector.fromArray(SPECIES, wd, w3 + i), a3);
        }
        store(out, r * w.rows() + o, a0, a1, a2, a3, x, x0, wd, w0, i, in);
    }

    /** Reduces four accumulators into four adjacent outputs, adding the scalar tail past the vector bound. */
    private static void store(float[] out, int at, FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3,
                              float[] x, int xBase, float[] w, int wBase, int tailStart, int in) {
        float[] sums = {sumLanes(s0), sumLanes(s1),
                sumLanes(s2), sumLanes(s3)};
        for (int k = 0; k < 4; k++) {
            float sum = sums[k];
            for (int i = tailStart; i < in; i++) {
                sum += x[xBase + i] * w[wBase + k * in + i];
            }
            out[at + k] = sum;
        }
    }

    /**
     * Sums the lanes in index order. {@code reduceLanes(ADD)} leaves the order unspecified, and interpreted and
     * JIT-compiled code sum in different orders, so results would depend on warm-up and training runs with one
     * seed would not repeat.
     */
    private static float sumLanes(FloatVector vector) {
        float[] lanes = vector.toArray();
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    private static float dot(float[] a, int aBase, float[] b, int bBase, int length) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int upper = SPECIES.loopBound(length);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, aBase + i).fma(FloatVector.fromArray(SPECIES, b, bBase + i), sum);
        }
        float result = sumLanes(sum);
        for (; i < length; i++) {
            result += a[aBase + i] * b[bBase + i];
        }
        return result;
    }

    @Override
    public void addBias(float[] x, int rows, float[] bias) {
        for (int r = 0; r < rows; r++) {
            addInto(x, r * bias.length, bias, 0, bias.length);
        }
    }

    @Override
    public void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] out) {
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            float inverse = (float) (1.0 / Math.sqrt(dot(x, base, x, base, dim) / dim + eps));
            int upper = SPECIES.loopBound(dim);
            int c = 0;
            for (; c < upper; c += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, x, base + c).mul(inverse)
                        .mul(FloatVector.fromArray(SPECIES, weight, c)).intoArray(out, base + c);
            }
            for (; c < dim; c++) {
                out[base + c] = x[base + c] * inverse * weight[c];
            }
        }
    }

    @Override
    public void rope(float[] x, int rows, int heads, int headDim, int firstPosition, double theta) {
        scalar.rope(x, rows, heads, headDim, firstPosition, theta);
    }

    @Override
    public void attention(float[] q, int rows, int firstPosition, float[] keys, float[] values, AttentionShape shape,
                          float[] out) {
        long work = (long) rows * (firstPosition + rows) * shape.headDim();
        int minHeads = work * shape.heads() < MIN_FLOPS_PER_CHUNK ? shape.heads() : 1;
        pool.run(shape.heads(), minHeads, 1, (start, end) -> {
            float[] scores = new float[firstPosition + rows];
            for (int h = start; h < end; h++) {
                attendHead(q, rows, firstPosition, keys, values, shape, h, scores, out);
            }
        });
    }

    private static void attendHead(float[] q, int rows, int firstPosition, float[] keys, float[] values,
                                   AttentionShape shape, int head, float[] scores, float[] out) {
        int headDim = shape.headDim();
        int kvWidth = shape.kvWidth();
        int kvOffset = head / (shape.heads() / shape.kvHeads()) * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int r = 0; r < rows; r++) {
            int last = firstPosition + r;
            int queryBase = r * shape.queryWidth() + head * headDim;
            float max = Float.NEGATIVE_INFINITY;
            for (int p = 0; p <= last; p++) {
                scores[p] = dot(q, queryBase, keys, p * kvWidth + kvOffset, headDim) * scale;
                max = Math.max(max, scores[p]);
            }
            float total = 0;
            for (int p = 0; p <= last; p++) {
                scores[p] = (float) Math.exp(scores[p] - max);
                total += scores[p];
            }
            java.util.Arrays.fill(out, queryBase, queryBase + headDim, 0f);
            for (int p = 0; p <= last; p++) {
                axpy(scores[p] / total, values, p * kvWidth + kvOffset, out, queryBase, headDim);
            }
        }
    }

    private static void axpy(float a, float[] x, int xBase, float[] y, int yBase, int length) {
        FloatVector scale = FloatVector.broadcast(SPECIES, a);
        int upper = SPECIES.loopBound(length);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xBase + i).fma(scale, FloatVector.fromArray(SPECIES, y, yBase + i))
                    .intoArray(y, yBase + i);
        }
        for (; i < length; i++) {
            y[yBase + i] += a * x[xBase + i];
        }
    }

    @Override
    public void siluMul(float[] gate, float[] up, int count) {
        for (int i = 0; i < count; i++) {
            float g = gate[i];
            gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
        }
    }

    @Override
    public void silu(float[] x, int count) {
        scalar.silu(x, count);
    }

    @Override
    public void engramGate(float[] query, float[] key, int rows, int dim, float[] alpha) {
        scalar.engramGate(query, key, rows, dim, alpha);
    }

    @Override
    public void scaleRows(float[] x, int rows, int dim, float[] scale) {
        scalar.scaleRows(x, rows, dim, scale);
    }

    @Override
    public void depthwiseCausalConv(float[] input, int historyRows, int rows, int dim, float[] weight, int kernelSize,
                                    int dilation, float[] out) {
        scalar.depthwiseCausalConv(input, historyRows, rows, dim, weight, kernelSize, dilation, out);
    }

    @Override
    public void softmax(float[] x, int offset, int length) {
        scalar.softmax(x, offset, length);
    }

    @Override
    public void embeddingGather(Matrix table, int[] ids, float[] out) {
        scalar.embeddingGather(table, ids, out);
    }

    @Override
    public void add(float[] accumulator, float[] x, int count) {
        addInto(accumulator, 0, x, 0, count);
    }

    private static void addInto(float[] y, int yBase, float[] x, int xBase, int length) {
        int upper = SPECIES.loopBound(length);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, y, yBase + i).add(FloatVector.fromArray(SPECIES, x, xBase + i))
                    .intoArray(y, yBase + i);
        }
        for (; i < length; i++) {
            y[yBase + i] += x[xBase + i];
        }
    }

    /**
     * Computes both products through the forward matmul on transposed copies: {@code dX = dOut * w} is
     * {@code matmul(dOut, w^T)} and {@code dW = dOut^T * x} is {@code matmul(dOut^T, x^T)}. The transposes cost
     * one pass over each operand, small next to the products, and keep one tuned kernel for all three.
     */
    @Override
    public void matmulBackward(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW) {
        int in = w.cols();
        int outFeatures = w.rows();
        if (dX != null) {
            matmul(dOut, rows, new Matrix(transpose(w.data(), outFeatures, in), in, outFeatures), dX);
        }
        float[] product = new float[outFeatures * in];
        matmul(transpose(dOut, rows, outFeatures), outFeatures, new Matrix(transpose(x, rows, in), in, rows), product);
        add(dW, product, outFeatures * in);
    }

    /** Returns the {@code cols x rows} transpose of the first {@code rows x cols} elements of {@code x}. */
    private static float[] transpose(float[] x, int rows, int cols) {
        float[] out = new float[rows * cols];
        // Blocks of 32 x 32 keep both the rows read and the rows written in cache.
        for (int rowBlock = 0; rowBlock < rows; rowBlock += 32) {
            int rowEnd = Math.min(rows, rowBlock + 32);
            for (int colBlock = 0; colBlock < cols; colBlock += 32) {
                int colEnd = Math.min(cols, colBlock + 32);
                for (int r = rowBlock; r < rowEnd; r++) {
                    for (int c = colBlock; c < colEnd; c++) {
                        out[c * rows + r] = x[r * cols + c];
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void addBiasBackward(float[] dOut, int rows, float[] dBias) {
        scalar.addBiasBackward(dOut, rows, dBias);
    }

    @Override
    public void rmsNormBackward(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX,
                                float[] dWeight) {
        scalar.rmsNormBackward(x, rows, dim, weight, eps, dOut, dX, dWeight);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta) {
        scalar.ropeBackward(dx, rows, heads, headDim, firstPosition, theta);
    }

    /** Splits by key/value head, so each thread owns the key and value gradient columns it writes. */
    @Override
    public void attentionBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape,
                                  float[] dOut, float[] dQ, float[] dKeys, float[] dValues) {
        java.util.Arrays.fill(dKeys, 0, rows * shape.kvWidth(), 0f);
        java.util.Arrays.fill(dValues, 0, rows * shape.kvWidth(), 0f);
        long work = (long) rows * rows * shape.headDim() * (shape.heads() / shape.kvHeads());
        int minHeads = work * shape.kvHeads() < MIN_FLOPS_PER_CHUNK ? shape.kvHeads() : 1;
        pool.run(shape.kvHeads(), minHeads, 1, (start, end) -> {
            float[] probabilities = new float[rows];
            float[] dScores = new float[rows];
            for (int kvHead = start; kvHead < end; kvHead++) {
                for (int h = kvHead * (shape.heads() / shape.kvHeads()); h < (kvHead + 1) * (shape.heads() / shape.kvHeads()); h++) {
                    attendHeadBackward(q, keys, values, rows, shape, h, dOut, dQ, dKeys, dValues, probabilities, dScores);
                }
            }
        });
    }

    private static void attendHeadBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape,
                                           int head, float[] dOut, float[] dQ, float[] dKeys, float[] dValues,
                                           float[] probabilities, float[] dScores) {
        int headDim = shape.headDim();
        int kvWidth = shape.kvWidth();
        int kvOffset = head / (shape.heads() / shape.kvHeads()) * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int r = 0; r < rows; r++) {
            int queryBase = r * shape.queryWidth() + head * headDim;
            float max = Float.NEGATIVE_INFINITY;
            for (int p = 0; p <= r; p++) {
                probabilities[p] = dot(q, queryBase, keys, p * kvWidth + kvOffset, headDim) * scale;
                max = Math.max(max, probabilities[p]);
            }
            float total = 0;
            for (int p = 0; p <= r; p++) {
                probabilities[p] = (float) Math.exp(probabilities[p] - max);
                total += probabilities[p];
            }
            float weightedSum = 0;
            for (int p = 0; p <= r; p++) {
                probabilities[p] /= total;
                dScores[p] = dot(dOut, queryBase, values, p * kvWidth + kvOffset, headDim);
                weightedSum += probabilities[p] * dScores[p];
                axpy(probabilities[p], dOut, queryBase, dValues, p * kvWidth + kvOffset, headDim);
            }
            java.util.Arrays.fill(dQ, queryBase, queryBase + headDim, 0f);
            for (int p = 0; p <= r; p++) {
                float dScore = probabilities[p] * (dScores[p] - weightedSum) * scale;
                axpy(dScore, keys, p * kvWidth + kvOffset, dQ, queryBase, headDim);
                axpy(dScore, q, queryBase, dKeys, p * kvWidth + kvOffset, headDim);
            }
        }
    }

    @Override
    public void siluMulBackward(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp) {
        scalar.siluMulBackward(gate, up, dOut, count, dGate, dUp);
    }

    @Override
    public void siluBackward(float[] x, float[] dOut, int count, float[] dX) {
        scalar.siluBackward(x, dOut, count, dX);
    }

    @Override
    public void engramGateBackward(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery,
                                   float[] dKey) {
        scalar.engramGateBackward(query, key, rows, dim, dAlpha, dQuery, dKey);
    }

    @Override
    public void scaleRowsBackward(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX,
                                  float[] dScale) {
        scalar.scaleRowsBackward(x, rows, dim, scale, dOut, dX, dScale);
    }

    @Override
    public void depthwiseCausalConvBackward(float[] input, int rows, int dim, float[] weight, int kernelSize,
                                            int dilation, float[] dOut, float[] dInput, float[] dWeight) {
        scalar.depthwiseCausalConvBackward(input, rows, dim, weight, kernelSize, dilation, dOut, dInput, dWeight);
    }

    /** Splits rows over threads; partial losses are summed in chunk order, so the result does not vary. */
    @Override
    public double crossEntropyBackward(float[] logits, int rows, int vocab, int[] targets, float scale) {
        int chunks = pool.threads();
        double[] partial = new double[chunks];
        int perChunk = (rows + chunks - 1) / chunks;
        pool.run(chunks, 1, 1, (start, end) -> {
            for (int chunk = start; chunk < end; chunk++) {
                int first = Math.min(rows, chunk * perChunk);
                int last = Math.min(rows, first + perChunk);
                partial[chunk] = ScalarBackward.crossEntropy(logits, first, last, vocab, targets, scale);
            }
        });
        double total = 0;
        for (double value : partial) {
            total += value;
        }
        return total;
    }

    @Override
    public void embeddingGatherBackward(int[] ids, int dim, float[] dOut, float[] dTable) {
        scalar.embeddingGatherBackward(ids, dim, dOut, dTable);
    }

    @Override
    public void close() {
        pool.close();
    }
}
