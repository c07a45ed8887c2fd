package dev.engram.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scores token sequences: one prefill, then a log-softmax of each position's logits at the next id. */
public final class Scorer {
    private static final Logger LOG = LoggerFactory.getLogger(Scorer.class);

    private final EngramModel model;

    public Scorer(EngramModel model) {
        this.model = model;
    }

    /**
     * Returns the log-probability of every token given the ones before it.
     *
     * <p>Limitation: the whole sequence is one prefill, so its cost grows with the square of its length and
     * there is no sliding window for sequences longer than the model was trained on.
     */
    public TokenScores score(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("at least one token id is required to score");
        }
        long start = System.nanoTime();
        int vocab = model.config().vocabSize();
        float[] logits = model.forward(model.newState(Math.max(ids.length, model.config().maxSeqLen())), ids);
        double[] logProbs = new double[ids.length];
        logProbs[0] = Double.NaN;
        for (int t = 1; t < ids.length; t++) {
            logProbs[t] = logSoftmaxAt(logits, (t - 1) * vocab, vocab, ids[t]);
        }
        LOG.info("Scored {} tokens in {} ms", ids.length, (System.nanoTime() - start) / 1_000_000);
        return new TokenScores(ids, logProbs);
    }

    /** Returns {@code log softmax(logits[offset ..])[target]}, computed stably in double. */
    static double logSoftmaxAt(float[] logits, int offset, int vocab, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            total += Math.exp(logits[offset + v] - max);
        }
        return logits[offset + target] - max - Math.log(total);
    }
}
