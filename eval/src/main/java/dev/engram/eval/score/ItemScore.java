package dev.engram.eval.score;

/**
 * What the model produced for one item; metrics are computed from it.
 *
 * @param itemHash       {@link dev.engram.eval.request.EvalItem#hash()} of the scored item
 * @param logLikelihoods one per continuation; for rolling items, the document's total
 * @param greedy         one per continuation, whether greedy decoding reproduces it
 * @param generation     generated text for generate_until items, cut at the first stop string, else ""
 */
public record ItemScore(String itemHash, double[] logLikelihoods, boolean[] greedy, String generation) {
    public ItemScore {
        logLikelihoods = logLikelihoods.clone();
        greedy = greedy.clone();
    }

    @Override
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    @Override
    public boolean[] greedy() {
        return greedy.clone();
    }
}
