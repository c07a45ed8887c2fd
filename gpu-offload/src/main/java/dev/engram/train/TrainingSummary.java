package dev.engram.train;

/**
 * The outcome of a training run.
 *
 * @param steps          completed steps, counting those before a resume
 * @param tokens         training tokens seen
 * @param trainLosses    loss of each step this run executed, in order
 * @param validationLoss loss on the held-out windows after the last step
 * @param tokensPerSecond training throughput of this run, excluding validation and checkpoints
 */
public record TrainingSummary(int steps, long tokens, double[] trainLosses, double validationLoss,
                              double tokensPerSecond) {
}
