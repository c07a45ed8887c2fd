package dev.engram.eval.score;

/**
 * @param logLikelihood sum of natural-log probabilities of the continuation tokens
 * @param greedy        whether every continuation token is the argmax at its position
 */
public record LoglikelihoodResult(double logLikelihood, boolean greedy) {
}
