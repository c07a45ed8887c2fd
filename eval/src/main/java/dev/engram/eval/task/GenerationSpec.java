package dev.engram.eval.task;

import java.util.List;

/**
 * Greedy generation settings for {@code generate_until}.
 *
 * @param until       stop strings; the output is cut at the first one
 * @param maxGenTokens maximum number of generated tokens
 */
public record GenerationSpec(List<String> until, int maxGenTokens) {
    public GenerationSpec {
        until = List.copyOf(until);
    }
}
