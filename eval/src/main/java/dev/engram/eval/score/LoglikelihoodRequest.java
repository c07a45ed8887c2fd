package dev.engram.eval.score;

/** Log-likelihood of {@code continuation} after {@code context}, both token ids; context is non-empty. */
public record LoglikelihoodRequest(int[] context, int[] continuation) {
    public LoglikelihoodRequest {
        if (context.length == 0) {
            throw new IllegalArgumentException("a log-likelihood request needs at least one context token");
        }
        if (continuation.length == 0) {
            throw new IllegalArgumentException("a log-likelihood request needs at least one continuation token");
        }
    }
}
