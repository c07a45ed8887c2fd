package dev.engram.eval.report;

import java.util.List;
import java.util.Map;

/**
 * The Engram gate value {@code alpha} in [0, 1] at each token of one sample text, per Engram layer.
 *
 * @param tokens         the decoded text of each token, in order
 * @param gatesByLayer   layer id to one gate value per token
 */
public record GateTrace(List<String> tokens, Map<Integer, double[]> gatesByLayer) {
    public GateTrace {
        tokens = List.copyOf(tokens);
        gatesByLayer = Map.copyOf(gatesByLayer);
        for (Map.Entry<Integer, double[]> layer : gatesByLayer.entrySet()) {
            if (layer.getValue().length != tokens.size()) {
                throw new IllegalArgumentException("gate trace of layer " + layer.getKey() + " has "
                        + layer.getValue().length + " values for " + tokens.size() + " tokens");
            }
        }
    }
}
