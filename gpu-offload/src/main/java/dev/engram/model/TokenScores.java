package dev.engram.model;

import java.util.Arrays;

/**
 * Log-probabilities of a sequence under a model.
 *
 * @param ids      the scored token ids
 * @param logProbs natural-log {@code log P(ids[t] | ids[<t])} for {@code t >= 1}; index 0 is NaN because the
 *                 first token has no context to be scored against
 */
public record TokenScores(int[] ids, double[] logProbs) {

    public TokenScores {
        ids = ids.clone();
        logProbs = logProbs.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public double[] logProbs() {
        return logProbs.clone();
    }

    /** Returns the sum of the scored log-probabilities (positions 1 and later). */
    public double totalLogProb() {
        double total = 0;
        for (int t = 1; t < logProbs.length; t++) {
            total += logProbs[t];
        }
        return total;
    }

    /** Returns {@code exp(-mean log-prob)} over the scored positions, or NaN for fewer than two tokens. */
    public double perplexity() {
        return ids.length < 2 ? Double.NaN : Math.exp(-totalLogProb() / (ids.length - 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenScores that && Arrays.equals(ids, that.ids) && Arrays.equals(logProbs, that.logProbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(logProbs);
    }

    @Override
    public String toString() {
        return "TokenScores[" + ids.length + " tokens, perplexity " + perplexity() + "]";
    }
}
