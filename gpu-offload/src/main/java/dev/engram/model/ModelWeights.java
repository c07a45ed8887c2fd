package dev.engram.model;

import dev.engram.kernels.Matrix;
import java.util.List;

/** All weights of a model: token embedding, decoder layers, final norm and the untied output head. */
public record ModelWeights(Matrix embedTokens, List<LayerWeights> layers, float[] finalNorm, Matrix lmHead) {

    public ModelWeights {
        layers = List.copyOf(layers);
    }
}
