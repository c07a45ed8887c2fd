package dev.engram.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.model.EngramConfig;
import dev.engram.model.ModelConfig;

/**
 * Active compute per token and the baseline that matches an Engram model's.
 *
 * <p>Counted: forward FLOPs per predicted token, a multiply-add as 2, over matmuls, attention scores and
 * weighted values (each query attends to {@code (T + 1) / 2} positions on average in a window of {@code T}),
 * and for each Engram block its key and value projections ({@code 2 x 2 E d}), convolution ({@code 2 K d}) and
 * gate dot product ({@code 2 d}). Not counted, on both sides alike: norms, activations, residual adds, and
 * table lookups, which move memory without arithmetic, so the table size adds no active compute.
 *
 * <p>Matching: the baseline sets {@code engram} to null and widens every MLP. An MLP costs
 * {@code 6 d I} per token and layer, so the baseline's intermediate size is
 * {@code I + engramLayers (4 E + 2 K + 2) / (6 L)}, rounded to the nearest integer; the remaining gap is
 * under {@code 3 d L} FLOPs per token, which {@link #flopsPerToken} lets a caller report.
 */
public final class IsoCompute {

    private IsoCompute() {
    }

    /** Returns the forward FLOPs per predicted token of {@code config} on windows of {@code sequenceLength}. */
    public static double flopsPerToken(ModelConfig config, int sequenceLength) {
        double d = config.hiddenSize();
        double kvWidth = config.numKvHeads() * config.headDim();
        double projections = 2 * d * (2 * d + 2 * kvWidth);
        double attention = 2 * 2 * d * (sequenceLength + 1) / 2.0;
        double mlp = 2 * 3 * d * config.intermediateSize();
        double total = config.numLayers() * (projections + attention + mlp) + 2 * d * config.vocabSize();
        if (config.hasEngram()) {
            total += config.engram().layerIds().length * engramBlockFlops(config);
        }
        return total;
    }

    private static double engramBlockFlops(ModelConfig config) {
        EngramConfig engram = config.engram();
        double d = config.hiddenSize();
        return 2 * 2 * engram.embeddingWidth() * d + 2 * engram.kernelSize() * d + 2 * d;
    }

    /**
     * Returns the baseline config for an Engram model: the same JSON with {@code engram} null and with the widened
     * {@code intermediate_size}. A config without Engram is returned as a copy.
     */
    public static ObjectNode baselineConfig(ModelConfig config, ObjectNode json) {
        ObjectNode baseline = json.deepCopy();
        if (!config.hasEngram()) {
            return baseline;
        }
        double extra = config.engram().layerIds().length * engramBlockFlops(config)
                / (6.0 * config.hiddenSize() * config.numLayers());
        baseline.putNull("engram");
        baseline.put("intermediate_size", Math.round(config.intermediateSize() + extra));
        return baseline;
    }
}
