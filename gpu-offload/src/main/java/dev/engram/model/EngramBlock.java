package dev.engram.model;

import dev.engram.kernels.Kernels;

/**
 * The Engram block, applied to the residual stream at the start of its layer:
 *
 * <pre>
 *   e      = concat of the table rows of every (order, head)        [T, E]
 *   alpha  = sigmoid(signedSqrt(&lt;RMSNorm(h), RMSNorm(W_K e + b_K)&gt; / sqrt(d)))   [T]
 *   V      = alpha * (W_V e + b_V)                                   [T, d]
 *   Y      = V + SiLU(causalDepthwiseConv(RMSNorm(V)))               [T, d]
 *   h     <- h + Y
 * </pre>
 *
 * The convolution has {@code kernel_size} taps at dilation {@code max_ngram_size}. Its input history lives
 * in the {@link InferenceState} so that chunks of any length, down to one token, give the same output.
 * ({@code norm1} and {@code norm2} enter the gate only through their element-wise product, so which of
 * them weights the key cannot change the output; we follow the names: {@code norm1} for the key.)
 */
final class EngramBlock {
    private final Kernels kernels;
    private final ModelConfig config;

    EngramBlock(Kernels kernels, ModelConfig config) {
        this.kernels = kernels;
        this.config = config;
    }

    /**
     * Adds the block's output to {@code hidden} in place.
     *
     * @param embeddings {@code e} of the new positions, {@code rows x embeddingWidth}
     * @param history    the convolution history of this block, updated to end at the last new row
     * @return the gate value alpha of each new row
     */
    float[] apply(EngramWeights weights, float[] hidden, int rows, float[] embeddings, float[] history, int historyRows) {
        int dim = config.hiddenSize();
        float eps = (float) config.rmsNormEps();

        float[] key = new float[rows * dim];
        kernels.matmul(embeddings, rows, weights.keyProj(), key);
        kernels.addBias(key, rows, weights.keyBias());
        kernels.rmsNorm(key, rows, dim, weights.keyNorm(), eps, key);
        float[] query = new float[rows * dim];
        kernels.rmsNorm(hidden, rows, dim, weights.queryNorm(), eps, query);
        float[] alpha = new float[rows];
        kernels.engramGate(query, key, rows, dim, alpha);

        float[] value = new float[rows * dim];
        kernels.matmul(embeddings, rows, weights.valueProj(), value);
        kernels.addBias(value, rows, weights.valueBias());
        kernels.scaleRows(value, rows, dim, alpha);

        float[] convInput = new float[(historyRows + rows) * dim];
        System.arraycopy(history, 0, convInput, 0, historyRows * dim);
        float[] normalized = new float[rows * dim];
        kernels.rmsNorm(value, rows, dim, weights.convNorm(), eps, normalized);
        System.arraycopy(normalized, 0, convInput, historyRows * dim, rows * dim);
        float[] convOutput = new float[rows * dim];
        kernels.depthwiseCausalConv(convInput, historyRows, rows, dim, weights.convWeight(),
                config.engram().kernelSize(), config.engram().convDilation(), convOutput);
        kernels.silu(convOutput, rows * dim);
        System.arraycopy(convInput, rows * dim, history, 0, historyRows * dim);

        kernels.add(hidden, value, rows * dim);
        kernels.add(hidden, convOutput, rows * dim);
        return alpha;
    }
}
