package dev.engram.kernels;

/**
 * Plain-loop reference implementation of every kernel: one thread, sums accumulated in double. Fast
 * backends are tested against it; it is also the fallback where the Vector API is unavailable.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void matmul(float[] x, int rows, Matrix w, float[] out) {
        int in = w.cols();
        int outFeatures = w.rows();
        float[] weights = w.data();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outFeatures; o++) {
                double sum = 0;
                for (int i = 0; i < in; i++) {
                    sum += (double) x[r * in + i] * weights[o * in + i];
                }
                out[r * outFeatures + o] = (float) sum;
            }
        }
    }

    @Override
    public void addBias(float[] x, int rows, float[] bias) {
        int dim = bias.length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                x[r * dim + c] += bias[c];
            }
        }
    }

    @Override
    public void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] out) {
        for (int r = 0; r < rows; r++) {
            double squares = 0;
            for (int c = 0; c < dim; c++) {
                squares += (double) x[r * dim + c] * x[r * dim + c];
            }
            double inverse = 1.0 / Math.sqrt(squares / dim + eps);
            for (int c = 0; c < dim; c++) {
                out[r * dim + c] = (float) (x[r * dim + c] * inverse * weight[c]);
            }
        }
    }

    @Override
    public void rope(float[] x, int rows, int heads, int headDim, int firstPosition, double theta) {
        rotate(x, rows, heads, headDim, firstPosition, theta, 1);
    }

    /**
     * Rotates each head's halves in place by {@code direction} times the rotary angle of its position: +1 is
     * the forward rotation, -1 its transpose, which the backward pass applies to gradients.
     */
    static void rotate(float[] x, int rows, int heads, int headDim, int firstPosition, double theta, int direction) {
        int half = headDim / 2;
        for (int r = 0; r < rows; r++) {
            int position = firstPosition + r;
            for (int i = 0; i < half; i++) {
                double angle = position * Math.pow(theta, -2.0 * i / headDim);
                double cos = Math.cos(angle);
                double sin = direction * Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    int base = (r * heads + h) * headDim;
                    double first = x[base + i];
                    double second = x[base + i + half];
                    x[base + i] = (float) (first * cos - second * sin);
                    x[base + i + half] = (float) (second * cos + first * sin);
                }
            }
        }
    }

    @Override
    public void attention(float[] q, int rows, int firstPosition, float[] keys, float[] values, AttentionShape shape,
                          float[] out) {
        int headDim = shape.headDim();
        int group = shape.heads() / shape.kvHeads();
        double scale = 1.0 / Math.sqrt(headDim);
        double[] scores = new double[firstPosition + rows];
        for (int r = 0; r < rows; r++) {
            int last = firstPosition + r;
            for (int h = 0; h < shape.heads(); h++) {
                int queryBase = r * shape.queryWidth() + h * headDim;
                int kvOffset = (h / group) * headDim;
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p <= last; p++) {
                    double dot = 0;
                    for (int i = 0; i < headDim; i++) {
                        dot += (double) q[queryBase + i] * keys[p * shape.kvWidth() + kvOffset + i];
                    }
                    scores[p] = dot * scale;
                    max = Math.max(max, scores[p]);
                }
                double total = 0;
                for (int p = 0; p <= last; p++) {
                    scores[p] = Math.exp(scores[p] - max);
                    total += scores[p];
                }
                for (int i = 0; i < headDim; i++) {
                    double sum = 0;
                    for (int p = 0; p <= last; p++) {
                        sum += scores[p] * values[p * shape.kvWidth() + kvOffset + i];
                    }
                    out[queryBase + i] = (float) (sum / total);
                }
            }
        }
    }

    @Override
    public void siluMul(float[] gate, float[] up, int count) {
        for (int i = 0; i < count; i++) {
            double g = gate[i];
            gate[i] = (float) (g / (1 + Math.exp(-g)) * up[i]);
        }
    }

    @Override
    public void silu(float[] x, int count) {
        for (int i = 0; i < count; i++) {
            double value = x[i];
            x[i] = (float) (value / (1 + Math.exp(-value)));
        }
    }

    @Override
    public void engramGate(float[] query, float[] key, int rows, int dim, float[] alpha) {
        double scale = 1.0 / Math.sqrt(dim);
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) query[r * dim + c] * key[r * dim + c];
            }
            double score = dot * scale;
            double signedRoot = Math.signum(score) * Math.sqrt(Math.max(Math.abs(score), 1e-6));
            alpha[r] = (float) (1 / (1 + Math.exp(-signedRoot)));
        }
    }

    @Override
    public void scaleRows(float[] x, int rows, int dim, float[] scale) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                x[r * dim + c] *= scale[r];
            }
        }
    }

    @Override
    public void depthwiseCausalConv(float[] input, int historyRows, int rows, int dim, float[] weight, int kernelSize,
                                    int dilation, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                double sum = 0;
                for (int j = 0; j < kernelSize; j++) {
                    int source = historyRows + r - (kernelSize - 1 - j) * dilation;
                    if (source >= 0) {
                        sum += (double) weight[c * kernelSize + j] * input[source * dim + c];
                    }
                }
                out[r * dim + c] = (float) sum;
            }
        }
    }

    @Override
    public void softmax(float[] x, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, x[offset + i]);
        }
        double total = 0;
        for (int i = 0; i < length; i++) {
            total += Math.exp(x[offset + i] - max);
        }
        for (int i = 0; i < length; i++) {
            x[offset + i] = (float) (Math.exp(x[offset + i] - max) / total);
        }
    }

    @Override
    public void embeddingGather(Matrix table, int[] ids, float[] out) {
        int dim = table.cols();
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= table.rows()) {
                throw new IllegalArgumentException("token id " + ids[r] + " at position " + r
                        + " is outside the vocabulary [0, " + table.rows() + ")");
            }
            System.arraycopy(table.data(), ids[r] * dim, out, r * dim, dim);
        }
    }

    @Override
    public void add(float[] accumulator, float[] x, int count) {
        for (int i = 0; i < count; i++) {
            accumulator[i] += x[i];
        }
    }

    @Override
    public void matmulBackward(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW) {
        ScalarBackward.matmul(x, rows, w, dOut, dX, dW);
    }

    @Override
    public void addBiasBackward(float[] dOut, int rows, float[] dBias) {
        ScalarBackward.addBias(dOut, rows, dBias);
    }

    @Override
    public void rmsNormBackward(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX,
                                float[] dWeight) {
        ScalarBackward.rmsNorm(x, rows, dim, weight, eps, dOut, dX, dWeight);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta) {
        ScalarBackward.rope(dx, rows, heads, headDim, firstPosition, theta);
    }

    @Override
    public void attentionBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape,
                                  float[] dOut, float[] dQ, float[] dKeys, float[] dValues) {
        ScalarBackward.attention(q, keys, values, rows, shape, dOut, dQ, dKeys, dValues);
    }

    @Override
    public void siluMulBackward(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp) {
        ScalarBackward.siluMul(gate, up, dOut, count, dGate, dUp);
    }

    @Override
    public void siluBackward(float[] x, float[] dOut, int count, float[] dX) {
        ScalarBackward.silu(x, dOut, count, dX);
    }

    @Override
    public void engramGateBackward(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery,
                                   float[] dKey) {
        ScalarBackward.engramGate(query, key, rows, dim, dAlpha, dQuery, dKey);
    }

    @Override
    public void scaleRowsBackward(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX,
                                  float[] dScale) {
        ScalarBackward.scaleRows(x, rows, dim, scale, dOut, dX, dScale);
    }

    @Override
    public void depthwiseCausalConvBackward(float[] input, int rows, int dim, float[] weight, int kernelSize,
                                            int dilation, float[] dOut, float[] dInput, float[] dWeight) {
        ScalarBackward.depthwiseCausalConv(input, rows, dim, weight, kernelSize, dilation, dOut, dInput, dWeight);
    }

    @Override
    public double crossEntropyBackward(float[] logits, int rows, int vocab, int[] targets, float scale) {
        return ScalarBackward.crossEntropy(logits, 0, rows, vocab, targets, scale);
    }

    @Override
    public void embeddingGatherBackward(int[] ids, int dim, float[] dOut, float[] dTable) {
        ScalarBackward.embeddingGather(ids, dim, dOut, dTable);
    }
}
