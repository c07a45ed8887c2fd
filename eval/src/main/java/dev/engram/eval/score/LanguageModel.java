package dev.engram.eval.score;

import java.util.List;
import java.util.function.Predicate;

/** The scoring operations suites need, over token ids. */
public interface LanguageModel {
    /** Returns the context length in tokens; longer inputs are truncated from the left. */
    int maxLength();

    /** Scores requests; the result list is in request order. */
    List<LoglikelihoodResult> loglikelihood(List<LoglikelihoodRequest> requests);

    /** Returns the summed log-probability of {@code tokens[1..]}, in windows of {@link #maxLength()}. */
    double loglikelihoodRolling(int[] tokens);

    /** Greedily generates up to {@code maxTokens} ids, stopping early when {@code stop} accepts the output. */
    int[] generate(int[] context, int maxTokens, Predicate<int[]> stop);
}
