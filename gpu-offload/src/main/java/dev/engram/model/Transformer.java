package dev.engram.model;

import dev.engram.kernels.AttentionShape;
import dev.engram.kernels.Kernels;
import dev.engram.store.PrefetchedRows;
import dev.engram.store.RowPrefetcher;

/**
 * The forward pass of the decoder over a chunk of new tokens of one sequence:
 *
 * <pre>
 *   h = embed(ids)
 *   for each layer:
 *     h += EngramBlock(h, e)                       (Engram layers only; e gathered ahead of time)
 *     h += o_proj(attention(rope(q), rope(k), v))  (q, k, v projected from RMSNorm(h); k, v cached)
 *     h += down_proj(silu(gate_proj(x)) * up_proj(x)),  x = RMSNorm(h)
 *   logits = lm_head(RMSNorm(h))
 * </pre>
 *
 * Prefill is one call with the whole prompt; decoding is one call per token on the same {@link InferenceState}.
 */
final class Transformer {
    private final ModelConfig config;
    private final ModelWeights weights;
    private final Kernels kernels;
    private final CompressedIdMap compressedIds;
    private final RowPrefetcher prefetcher;
    private final EngramBlock engramBlock;

    Transformer(ModelConfig config, ModelWeights weights, Kernels kernels, CompressedIdMap compressedIds,
                RowPrefetcher prefetcher) {
        this.config = config;
        this.weights = weights;
        this.kernels = kernels;
        this.compressedIds = compressedIds;
        this.prefetcher = prefetcher;
        this.engramBlock = new EngramBlock(kernels, config);
    }

    /**
     * Starts gathering the Engram rows the next {@link #forward} on {@code state} with {@code ids} will need.
     * Returns null for a model without Engram layers.
     */
    PrefetchedRows prefetch(InferenceState state, int[] ids) {
        if (prefetcher == null) {
            return null;
        }
        int context = Math.min(state.position(), config.engram().maxNgramSize() - 1);
        int[] window = new int[context + ids.length];
        System.arraycopy(state.compressedIds(), state.position() - context, window, 0, context);
        for (int t = 0; t < ids.length; t++) {
            window[context + t] = compressedIds.compress(ids[t]);
        }
        return prefetcher.submit(window, context);
    }

    /**
     * Runs {@code ids} through the model after the tokens already in {@code state} and returns their logits.
     *
     * @param rows      the Engram rows from {@link #prefetch} for exactly these ids, or null to gather now
     * @param allLogits true for logits of every new position ({@code ids.length x vocab}), false for the last only
     */
    float[] forward(InferenceState state, int[] ids, PrefetchedRows rows, boolean allLogits) {
        int tokens = ids.length;
        int start = state.position();
        if (tokens == 0) {
            throw new IllegalArgumentException("at least one token id is required");
        }
        if (start + tokens > state.capacity()) {
            throw new IllegalArgumentException("sequence of " + (start + tokens) + " tokens exceeds the state capacity of "
                    + state.capacity() + " tokens");
        }
        PrefetchedRows engramRows = rows != null ? rows : prefetch(state, ids);

        int dim = config.hiddenSize();
        float[] hidden = new float[tokens * dim];
        kernels.embeddingGather(weights.embedTokens(), ids, hidden);
        for (int layer = 0; layer < config.numLayers(); layer++) {
            LayerWeights layerWeights = weights.layers().get(layer);
            if (layerWeights.engram() != null) {
                int engramIndex = config.engram().indexOfLayer(layer);
                float[] alpha = engramBlock.apply(layerWeights.engram(), hidden, tokens, engramRows.rows(engramIndex),
                        state.convHistory(engramIndex), state.convHistoryRows());
                state.storeGates(engramIndex, start, alpha, tokens);
            }
            attention(layer, layerWeights, state, hidden, tokens, start);
            mlp(layerWeights, hidden, tokens);
        }

        if (config.hasEngram()) {
            for (int t = 0; t < tokens; t++) {
                state.compressedIds()[start + t] = compressedIds.compress(ids[t]);
            }
        }
        state.advance(tokens);
        return logits(hidden, tokens, allLogits);
    }

    private void attention(int layer, LayerWeights w, InferenceState state, float[] hidden, int tokens, int start) {
        int dim = config.hiddenSize();
        AttentionShape shape = config.attentionShape();
        int kvWidth = shape.kvWidth();
        float[] normalized = new float[tokens * dim];
        kernels.rmsNorm(hidden, tokens, dim, w.inputNorm(), (float) config.rmsNormEps(), normalized);

        float[] query = new float[tokens * dim];
        kernels.matmul(normalized, tokens, w.queryProj(), query);
        kernels.rope(query, tokens, shape.heads(), shape.headDim(), start, config.ropeTheta());
        // Keys and values of the new positions go straight into the cache rows after the old ones.
        float[] newKeys = new float[tokens * kvWidth];
        kernels.matmul(normalized, tokens, w.keyProj(), newKeys);
        kernels.rope(newKeys, tokens, shape.kvHeads(), shape.headDim(), start, config.ropeTheta());
        System.arraycopy(newKeys, 0, state.keys(layer), start * kvWidth, tokens * kvWidth);
        float[] newValues = new float[tokens * kvWidth];
        kernels.matmul(normalized, tokens, w.valueProj(), newValues);
        System.arraycopy(newValues, 0, state.values(layer), start * kvWidth, tokens * kvWidth);

        float[] attended = new float[tokens * dim];
        kernels.attention(query, tokens, start, state.keys(layer), state.values(layer), shape, attended);
        float[] projected = new float[tokens * dim];
        kernels.matmul(attended, tokens, w.outputProj(), projected);
        kernels.add(hidden, projected, tokens * dim);
    }

    private void mlp(LayerWeights w, float[] hidden, int tokens) {
        int dim = config.hiddenSize();
        int intermediate = config.intermediateSize();
        float[] normalized = new float[tokens * dim];
        kernels.rmsNorm(hidden, tokens, dim, w.postAttentionNorm(), (float) config.rmsNormEps(), normalized);
        float[] gate = new float[tokens * intermediate];
        kernels.matmul(normalized, tokens, w.gateProj(), gate);
        float[] up = new float[tokens * intermediate];
        kernels.matmul(normalized, tokens, w.upProj(), up);
        kernels.siluMul(gate, up, tokens * intermediate);
        float[] down = new float[tokens * dim];
        kernels.matmul(gate, tokens, w.downProj(), down);
        kernels.add(hidden, down, tokens * dim);
    }

    private float[] logits(float[] hidden, int tokens, boolean allLogits) {
        int dim = config.hiddenSize();
        int first = allLogits ? 0 : tokens - 1;
        int rows = tokens - first;
        float[] last = new float[rows * dim];
        System.arraycopy(hidden, first * dim, last, 0, rows * dim);
        kernels.rmsNorm(last, rows, dim, weights.finalNorm(), (float) config.rmsNormEps(), last);
        float[] logits = new float[rows * config.vocabSize()];
        kernels.matmul(last, rows, weights.lmHead(), logits);
        return logits;
    }
}
