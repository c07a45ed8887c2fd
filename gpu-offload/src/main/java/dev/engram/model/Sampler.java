package dev.engram.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits: greedy (arg max) at temperature 0, otherwise a draw from the softmax
 * at that temperature restricted to the smallest set of tokens whose probability reaches {@code topP}
 * (nucleus sampling). A fixed seed gives the same tokens on every run.
 */
public final class Sampler {
    private final double temperature;
    private final double topP;
    private final SplittableRandom random;

    public Sampler(double temperature, double topP, long seed) {
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be at least 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        this.temperature = temperature;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    /** Returns the sampled token id from {@code logits[offset .. offset + vocab)}. */
    public int sample(float[] logits, int offset, int vocab) {
        if (temperature == 0) {
            return argMax(logits, offset, vocab);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double[] probabilities = new double[vocab];
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            probabilities[v] = Math.exp((logits[offset + v] - max) / temperature);
            total += probabilities[v];
        }
        Integer[] order = new Integer[vocab];
        for (int v = 0; v < vocab; v++) {
            order[v] = v;
            probabilities[v] /= total;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));

        int kept = 0;
        double mass = 0;
        while (kept < vocab && (kept == 0 || mass < topP)) {
            mass += probabilities[order[kept]];
            kept++;
        }
        double draw = random.nextDouble() * mass;
        for (int i = 0; i < kept; i++) {
            draw -= probabilities[order[i]];
            if (draw <= 0) {
                return order[i];
            }
        }
        return order[kept - 1];
    }

    private static int argMax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            if (logits[offset + v] > logits[offset + best]) {
                best = v;
            }
        }
        return best;
    }
}
