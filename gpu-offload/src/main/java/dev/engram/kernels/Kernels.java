package dev.engram.kernels;

/**
 * The numeric operations of the forward and backward passes. Model and training code call only these, so a backend for another
 * device (OpenCL through JOCL, TornadoVM) plugs in by implementing this interface.
 *
 * <p>All arrays are row-major; {@code rows} counts sequence positions. Output arrays may be longer than
 * needed and must not alias inputs unless a method documents that they may.
 *
 * <p>Limitation: activations cross this interface as heap {@code float[]}, so a device backend must copy
 * them to and from the device on each call; keeping activations resident needs a buffer handle type here.
 */
public interface Kernels extends AutoCloseable {

    /** Returns a short name for logs, such as {@code vector(2 threads)}. */
    String name();

    /** Computes {@code out[r][o] = sum_i x[r][i] * w[o][i]} for {@code r < rows}: a PyTorch Linear without bias. */
    void matmul(float[] x, int rows, Matrix w, float[] out);

    /** Adds {@code bias[c]} to every row of {@code x} in place. */
    void addBias(float[] x, int rows, float[] bias);

    /** Computes {@code out = x / sqrt(mean(x^2) + eps) * weight} row by row. {@code out} may be {@code x}. */
    void rmsNorm(float[] x, int rows, int dim, float[] weight, float eps, float[] out);

    /**
     * Rotates each head of each row in place by the rotary position embedding, rotate-half convention: pairs
     * are (i, i + headDim/2) and row {@code r} is at position {@code firstPosition + r}.
     */
    void rope(float[] x, int rows, int heads, int headDim, int firstPosition, double theta);

    /**
     * Computes causal softmax attention for {@code rows} queries at positions {@code firstPosition ..
     * firstPosition + rows - 1} against cached keys and values at positions 0 up to each query's own, scaled
     * by {@code 1/sqrt(headDim)}. Query head {@code h} reads key/value head {@code h / (heads / kvHeads)}.
     */
    void attention(float[] q, int rows, int firstPosition, float[] keys, float[] values, AttentionShape shape,
                   float[] out);

    /** Computes {@code gate[i] = silu(gate[i]) * up[i]} in place for {@code i < count}: the SwiGLU product. */
    void siluMul(float[] gate, float[] up, int count);

    /** Applies {@code silu(x) = x * sigmoid(x)} in place. */
    void silu(float[] x, int count);

    /**
     * Computes the Engram gate of each row: {@code alpha = sigmoid(signedSqrt(<query, key> / sqrt(dim)))} with
     * {@code signedSqrt(s) = sign(s) * sqrt(max(|s|, 1e-6))}. Both inputs are already RMS-normalized.
     */
    void engramGate(float[] query, float[] key, int rows, int dim, float[] alpha);

    /** Multiplies row {@code r} of {@code x} by {@code scale[r]} in place. */
    void scaleRows(float[] x, int rows, int dim, float[] scale);

    /**
     * Computes a causal depthwise 1-D convolution. {@code input} contains {@code historyRows} earlier rows
     * followed by {@code rows} new ones; output row {@code r} is
     * {@code sum_j weight[c][j] * input[historyRows + r - (kernelSize - 1 - j) * dilation][c]}, with rows
     * before the start of {@code input} read as zero. {@code weight} is {@code [dim][kernelSize]}.
     */
    void depthwiseCausalConv(float[] input, int historyRows, int rows, int dim, float[] weight, int kernelSize,
                             int dilation, float[] out);

    /** Replaces {@code x[offset .. offset+length)} by its softmax. */
    void softmax(float[] x, int offset, int length);

    /** Copies row {@code ids[r]} of {@code table} to row {@code r} of {@code out}. */
    void embeddingGather(Matrix table, int[] ids, float[] out);

    /** Adds {@code x} to {@code accumulator} element-wise for the first {@code count} elements. */
    void add(float[] accumulator, float[] x, int count);

    // Backward kernels. Each takes the forward inputs and the gradient of the loss with respect to the
    // forward output ({@code dOut}); input gradients are overwritten, weight gradients are accumulated (+=)
    // so one buffer can collect a weight's gradient over several calls.

    /**
     * Backward of {@link #matmul}: {@code dX = dOut * w} (overwritten, skipped when {@code dX} is null) and
     * {@code dW += dOut^T * x}, with {@code dW} laid out like {@code w.data()}.
     */
    void matmulBackward(float[] x, int rows, Matrix w, float[] dOut, float[] dX, float[] dW);

    /** Backward of {@link #addBias}: {@code dBias[c] += sum over rows of dOut[r][c]}. */
    void addBiasBackward(float[] dOut, int rows, float[] dBias);

    /**
     * Backward of {@link #rmsNorm} from its input {@code x}: {@code dX} is overwritten, {@code dWeight}
     * accumulated. {@code dX} may be {@code dOut}.
     */
    void rmsNormBackward(float[] x, int rows, int dim, float[] weight, float eps, float[] dOut, float[] dX,
                         float[] dWeight);

    /** Backward of {@link #rope} in place: rotates each pair of {@code dx} by the negative angle. */
    void ropeBackward(float[] dx, int rows, int heads, int headDim, int firstPosition, double theta);

    /**
     * Backward of {@link #attention} for one whole sequence ({@code firstPosition = 0}, {@code rows} keys
     * and values). Recomputes the attention probabilities instead of storing them. {@code dQ}, {@code dKeys}
     * and {@code dValues} are overwritten.
     */
    void attentionBackward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape, float[] dOut,
                           float[] dQ, float[] dKeys, float[] dValues);

    /** Backward of {@link #siluMul} from the original {@code gate} and {@code up}; both outputs overwritten. */
    void siluMulBackward(float[] gate, float[] up, float[] dOut, int count, float[] dGate, float[] dUp);

    /** Backward of {@link #silu} from its input {@code x}; {@code dX} is overwritten and may be {@code dOut}. */
    void siluBackward(float[] x, float[] dOut, int count, float[] dX);

    /**
     * Backward of {@link #engramGate}: from {@code dAlpha} per row, overwrites {@code dQuery} and {@code dKey}.
     * Where {@code |score| <= 1e-6} the clamp inside the signed square root is flat, so both are zero there.
     */
    void engramGateBackward(float[] query, float[] key, int rows, int dim, float[] dAlpha, float[] dQuery,
                            float[] dKey);

    /**
     * Backward of {@link #scaleRows}, given the unscaled {@code x}: {@code dX = dOut * scale[r]} (overwritten,
     * may be {@code dOut}) and {@code dScale[r] = <dOut[r], x[r]>} (overwritten).
     */
    void scaleRowsBackward(float[] x, int rows, int dim, float[] scale, float[] dOut, float[] dX, float[] dScale);

    /**
     * Backward of {@link #depthwiseCausalConv} with no history rows (a whole sequence from its start):
     * {@code dInput} is overwritten, {@code dWeight} accumulated.
     */
    void depthwiseCausalConvBackward(float[] input, int rows, int dim, float[] weight, int kernelSize, int dilation,
                                     float[] dOut, float[] dInput, float[] dWeight);

    /**
     * Computes the cross-entropy of each row of {@code logits} against {@code targets} and replaces the logits
     * by the gradient of {@code scale * sum of the losses}: {@code scale * (softmax - onehot)}.
     *
     * @return the sum of the row losses (natural log), before scaling
     */
    double crossEntropyBackward(float[] logits, int rows, int vocab, int[] targets, float scale);

    /** Backward of {@link #embeddingGather}: adds row {@code r} of {@code dOut} to row {@code ids[r]} of {@code dTable}. */
    void embeddingGatherBackward(int[] ids, int dim, float[] dOut, float[] dTable);

    /** Releases threads or device resources; the default has none. */
    @Override
    default void close() {
    }
}
