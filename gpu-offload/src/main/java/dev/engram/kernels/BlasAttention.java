package dev.engram.kernels;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Causal attention of whole sequences (first position 0) as sgemm calls per head: {@code S = Q K^T}, a masked
 * row softmax, {@code O = P V}, and for the backward {@code dP = dO V^T}, {@code dQ = dS K},
 * {@code dK += dS^T Q}, {@code dV += P^T dO}. Heads are strided column blocks of the row-major activations,
 * which sgemm reads in place through its leading dimension. The full {@code T x T} products are computed and
 * the upper triangle is masked, which costs twice the causal arithmetic but runs at sgemm speed.
 *
 * <p>In sgemm's column-major terms a row-major {@code [rows x width]} block with row stride {@code ld} is its
 * transpose, so {@code S^T = K_c^T Q_c} is {@code sgemm("T", "N", ...)} on the stored arrays, and so on.
 */
final class BlasAttention {
    private final BLAS blas;

    BlasAttention(BLAS blas) {
        this.blas = blas;
    }

    void forward(float[] q, int rows, float[] keys, float[] values, AttentionShape shape, float[] out) {
        int headDim = shape.headDim();
        int group = shape.heads() / shape.kvHeads();
        float[] probabilities = new float[rows * rows];
        for (int h = 0; h < shape.heads(); h++) {
            int queryOffset = h * headDim;
            int kvOffset = (h / group) * headDim;
            probabilities(q, queryOffset, keys, kvOffset, rows, shape, probabilities);
            blas.sgemm("N", "N", headDim, rows, rows, 1f, values, kvOffset, shape.kvWidth(), probabilities, 0, rows,
                    0f, out, queryOffset, shape.queryWidth());
        }
    }

    void backward(float[] q, float[] keys, float[] values, int rows, AttentionShape shape, float[] dOut, float[] dQ,
                  float[] dKeys, float[] dValues) {
        int headDim = shape.headDim();
        int group = shape.heads() / shape.kvHeads();
        java.util.Arrays.fill(dKeys, 0, rows * shape.kvWidth(), 0f);
        java.util.Arrays.fill(dValues, 0, rows * shape.kvWidth(), 0f);
        float[] probabilities = new float[rows * rows];
        float[] dScores = new float[rows * rows];
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int h = 0; h < shape.heads(); h++) {
            int queryOffset = h * headDim;
            int kvOffset = (h / group) * headDim;
            probabilities(q, queryOffset, keys, kvOffset, rows, shape, probabilities);
            // dP[i][j] = <dO_i, V_j>, laid out like S.
            blas.sgemm("T", "N", rows, rows, headDim, 1f, values, kvOffset, shape.kvWidth(), dOut, queryOffset,
                    shape.queryWidth(), 0f, dScores, 0, rows);
            for (int i = 0; i < rows; i++) {
                int base = i * rows;
                double weighted = 0;
                for (int j = 0; j <= i; j++) {
                    weighted += (double) probabilities[base + j] * dScores[base + j];
                }
                for (int j = 0; j <= i; j++) {
                    dScores[base + j] = probabilities[base + j] * (float) (dScores[base + j] - weighted) * scale;
                }
                java.util.Arrays.fill(dScores, base + i + 1, base + rows, 0f);
            }
            blas.sgemm("N", "N", headDim, rows, rows, 1f, keys, kvOffset, shape.kvWidth(), dScores, 0, rows, 0f, dQ,
                    queryOffset, shape.queryWidth());
            blas.sgemm("N", "T", headDim, rows, rows, 1f, q, queryOffset, shape.queryWidth(), dScores, 0, rows, 1f,
                    dKeys, kvOffset, shape.kvWidth());
            blas.sgemm("N", "T", headDim, rows, rows, 1f, dOut, queryOffset, shape.queryWidth(), probabilities, 0,
                    rows, 1f, dValues, kvOffset, shape.kvWidth());
        }
    }

    /** Fills row-major {@code P[i][j]}: the causal softmax of {@code <q_i, k_j> / sqrt(headDim)}, zero for j > i. */
    private void probabilities(float[] q, int queryOffset, float[] keys, int kvOffset, int rows, AttentionShape shape,
                               float[] probabilities) {
        float scale = (float) (1.0 / Math.sqrt(shape.headDim()));
        blas.sgemm("T", "N", rows, rows, shape.headDim(), scale, keys, kvOffset, shape.kvWidth(), q, queryOffset,
                shape.queryWidth(), 0f, probabilities, 0, rows);
        for (int i = 0; i < rows; i++) {
            int base = i * rows;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j <= i; j++) {
                max = Math.max(max, probabilities[base + j]);
            }
            float total = 0;
            for (int j = 0; j <= i; j++) {
                probabilities[base + j] = (float) Math.exp(probabilities[base + j] - max);
                total += probabilities[base + j];
            }
            float inverse = 1f / total;
            for (int j = 0; j <= i; j++) {
                probabilities[base + j] *= inverse;
            }
            java.util.Arrays.fill(probabilities, base + i + 1, base + rows, 0f);
        }
    }
}
