package dev.engram.kernels;

/**
 * Plain-loop reference implementations of the backward kernels, sums accumulated in double. Each method
 * differentiates the matching forward method of {@link ScalarKernels}; the contracts are on {@link Kernels}.
 */
final class ScalarBackward {

    private ScalarBackward() {
    }

    static void matmul(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW) {
        int in = w.cols();
        int outFeatures = w.rows();
        float[] weights = w.data();
        if (dX != null) {
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < in; i++) {
                    double sum = 0;
                    for (int o = 0; o < outFeatures; o++) {
                        sum += (double) dOut[r * outFeatures + o] * weights[o * in + i];
                    }
                    dX[r * in + i] = (float) sum;
                }
            }
        }
        for (int o = 0; o < outFeatures; o++) {
            for (int i = 0; i < in; i++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += (double) dOut[r * outFeatures + o] * x[r * in + i];
                }
                dW[o * in + i] += (float) sum;
            }
        }
    }

    static void addBias(float[] dOut, int rows, float[] dBias) {
        int dim = dBias.length;
        for (int c = 0; c < dim; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += dOut[r * dim + c];
            }
            dBias[c] += (float) sum;
        }
    }

    static void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX,
                        float[] dWeight) {
        double[] weighted = new double[dim];
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            double squares = 0;
            for (int c = 0; c < dim; c++) {
                squares += (double) x[base + c] * x[base + c];
            }
            double inverse = 1.0 / Math.sqrt(squares / dim + eps);
            double projection = 0;
            for (int c = 0; c < dim; c++) {
                weighted[c] = (double) dOut[base + c] * weight[c];
                projection += weighted[c] * x[base + c];
                dWeight[c] += (float) (dOut[base + c] * x[base + c] * inverse);
            }
            // d/dx of x * inverse: inverse * g - x * inverse^3 * <g, x> / dim, with g = dOut * weight.
            double correction = inverse * inverse * inverse * projection / dim;
            for (int c = 0; c < dim; c++) {
                dX[base + c] = (float) (inverse * weighted[c] - x[base + c] * correction);
            }
        }
    }

    static void rope(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta) {
        // The transpose of a rotation is the rotation by the negative angle.
        ScalarKernels.rotate(dx, rows, heads, headDim, firstPosition, theta, -1);
    }

    static void attention(float[] q, float[] keys, float[] values, int rows, AttentionShape shape, float[] dOut,
                          float[] dQ, float[] dKeys, float[] dValues) {
        java.util.Arrays.fill(dKeys, 0, rows * shape.kvWidth(), 0f);
        java.util.Arrays.fill(dValues, 0, rows * shape.kvWidth(), 0f);
        for (int kvHead = 0; kvHead < shape.kvHeads(); kvHead++) {
            attentionKvHead(q, keys, values, rows, shape, dOut, dQ, dKeys, dValues, kvHead);
        }
    }

    /** Backward of every query head that reads {@code kvHead}; writes only that head's key and value columns. */
    static void attentionKvHead(float[] q, float[] keys, float[] values, int rows, AttentionShape shape,
                                float[] dOut, float[] dQ, float[] dKeys, float[] dValues, int kvHead) {
        int headDim = shape.headDim();
        int group = shape.heads() / shape.kvHeads();
        int kvWidth = shape.kvWidth();
        int kvOffset = kvHead * headDim;
        double scale = 1.0 / Math.sqrt(headDim);
        double[] probabilities = new double[rows];
        double[] dScores = new double[rows];
        for (int h = kvHead * group; h < (kvHead + 1) * group; h++) {
            for (int r = 0; r < rows; r++) {
                int queryBase = r * shape.queryWidth() + h * headDim;
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p <= r; p++) {
                    double dot = 0;
                    for (int i = 0; i < headDim; i++) {
                        dot += (double) q[queryBase + i] * keys[p * kvWidth + kvOffset + i];
                    }
                    probabilities[p] = dot * scale;
                    max = Math.max(max, probabilities[p]);
                }
                double total = 0;
                for (int p = 0; p <= r; p++) {
                    probabilities[p] = Math.exp(probabilities[p] - max);
                    total += probabilities[p];
                }
                double weightedSum = 0;
                for (int p = 0; p <= r; p++) {
                    probabilities[p] /= total;
                    double dProbability = 0;
                    for (int i = 0; i < headDim; i++) {
                        dProbability += (double) dOut[queryBase + i] * values[p * kvWidth + kvOffset + i];
                        dValues[p * kvWidth + kvOffset + i] += (float) (probabilities[p] * dOut[queryBase + i]);
                    }
                    dScores[p] = dProbability;
                    weightedSum += probabilities[p] * dProbability;
                }
                for (int i = 0; i < headDim; i++) {
                    dQ[queryBase + i] = 0f;
                }
                for (int p = 0; p <= r; p++) {
                    // Softmax backward, then the 1/sqrt(headDim) scale of the scores.
                    double dScore = probabilities[p] * (dScores[p] - weightedSum) * scale;
                    for (int i = 0; i < headDim; i++) {
                        dQ[queryBase + i] += (float) (dScore * keys[p * kvWidth + kvOffset + i]);
                        dKeys[p * kvWidth + kvOffset + i] += (float) (dScore * q[queryBase + i]);
                    }
                }
            }
        }
    }

    static void siluMul(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp) {
        for (int i = 0; i < count; i++) {
            double g = gate[i];
            double sigmoid = 1 / (1 + Math.exp(-g));
            double gradient = dOut[i];
            dUp[i] = (float) (gradient * g * sigmoid);
            dGate[i] = (float) (gradient * up[i] * sigmoid * (1 + g * (1 - sigmoid)));
        }
    }

    static void silu(float[] x, float[] dOut, int count, float[] dX) {
        for (int i = 0; i < count; i++) {
            double value = x[i];
            double sigmoid = 1 / (1 + Math.exp(-value));
            dX[i] = (float) (dOut[i] * sigmoid * (1 + value * (1 - sigmoid)));
        }
    }

    static void engramGate(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery,
                           float[] dKey) {
        double scale = 1.0 / Math.sqrt(dim);
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) query[r * dim + c] * key[r * dim + c];
            }
            double score = dot * scale;
            double magnitude = Math.abs(score);
            double signedRoot = Math.signum(score) * Math.sqrt(Math.max(magnitude, 1e-6));
            double alpha = 1 / (1 + Math.exp(-signedRoot));
            // d signedRoot / d score = 1 / (2 sqrt|score|) on both sides of zero; zero where the clamp holds.
            double dScore = magnitude > 1e-6 ? dAlpha[r] * alpha * (1 - alpha) / (2 * Math.sqrt(magnitude)) : 0;
            double dDot = dScore * scale;
            for (int c = 0; c < dim; c++) {
                dQuery[r * dim + c] = (float) (dDot * key[r * dim + c]);
                dKey[r * dim + c] = (float) (dDot * query[r * dim + c]);
            }
        }
    }

    static void scaleRows(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX, float[] dScale) {
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) dOut[r * dim + c] * x[r * dim + c];
            }
            dScale[r] = (float) dot;
            for (int c = 0; c < dim; c++) {
                dX[r * dim + c] = dOut[r * dim + c] * scale[r];
            }
        }
    }

    static void depthwiseCausalConv(float[] input, int rows, int dim, float[] weight, int kernelSize, int dilation,
                                    float[] dOut, float[] dInput, float[] dWeight) {
        java.util.Arrays.fill(dInput, 0, rows * dim, 0f);
        for (int c = 0; c < dim; c++) {
            for (int j = 0; j < kernelSize; j++) {
                int shift = (kernelSize - 1 - j) * dilation;
                double weightSum = 0;
                for (int r = shift; r < rows; r++) {
                    int source = r - shift;
                    dInput[source * dim + c] += weight[c * kernelSize + j] * dOut[r * dim + c];
                    weightSum += (double) dOut[r * dim + c] * input[source * dim + c];
                }
                dWeight[c * kernelSize + j] += (float) weightSum;
            }
        }
    }

    static double crossEntropy(float[] logits, int firstRow, int endRow, int vocab, int[] targets, float scale) {
        double lossSum = 0;
        for (int r = firstRow; r < endRow; r++) {
            int base = r * vocab;
            int target = targets[r];
            if (target < 0 || target >= vocab) {
                throw new IllegalArgumentException("target id " + target + " at row " + r
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[base + v]);
            }
            double total = 0;
            for (int v = 0; v < vocab; v++) {
                total += Math.exp(logits[base + v] - max);
            }
            lossSum += Math.log(total) + max - logits[base + target];
            for (int v = 0; v < vocab; v++) {
                logits[base + v] = (float) (scale * Math.exp(logits[base + v] - max) / total);
            }
            logits[base + target] -= scale;
        }
        return lossSum;
    }

    static void embeddingGather(int[] ids, int dim, float[] dOut, float[] dTable) {
        for (int r = 0; r < ids.length; r++) {
            int base = ids[r] * dim;
            for (int c = 0; c < dim; c++) {
                dTable[base + c] += dOut[r * dim + c];
            }
        }
    }
}
