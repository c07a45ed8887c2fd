package dev.engram.model;

import dev.engram.kernels.Matrix;

/**
 * Weights of one decoder layer, named after their Hugging Face LLaMA tensors.
 *
 * @param engram the Engram block applied at the start of this layer, or null
 */
public record LayerWeights(float[] inputNorm, Matrix queryProj, Matrix keyProj, Matrix valueProj, Matrix outputProj,
                           float[] postAttentionNorm, Matrix gateProj, Matrix upProj, Matrix downProj,
                           EngramWeights engram) {
}
