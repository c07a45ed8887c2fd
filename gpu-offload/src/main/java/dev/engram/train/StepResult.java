package dev.engram.train;

/**
 * The outcome of one forward pass, with or without backward, over a batch.
 *
 * @param loss         mean next-token cross-entropy over the batch, in nats
 * @param tokens       number of predicted tokens
 * @param gateMean     mean Engram gate alpha of each Engram layer over the batch
 * @param gateStd      standard deviation of alpha of each Engram layer
 * @param rowGradients sparse table gradients of each Engram layer, or null after a forward-only pass
 */
public record StepResult(double loss, int tokens, double[] gateMean, double[] gateStd,
                         EngramRowGradients[] rowGradients) {
}
