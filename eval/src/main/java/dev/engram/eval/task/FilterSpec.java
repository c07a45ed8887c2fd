package dev.engram.eval.task;

import java.util.List;

/**
 * A named chain of steps applied to generated text before scoring; its name becomes the metric-key suffix
 * ({@code exact_match,strict-match}). Without filters a task reports under the name {@code none}.
 */
public record FilterSpec(String name, List<FilterStep> steps) {
    public FilterSpec {
        steps = List.copyOf(steps);
    }

    /**
     * One step: {@code regex} (keep the match of {@code pattern}, group {@code groupSelect} of the matches,
     * negative from the end; {@code [invalid]} when nothing matches), {@code take_first},
     * {@code remove_whitespace} (leading whitespace) or {@code lowercase}.
     */
    public record FilterStep(String function, String pattern, int groupSelect) {
    }
}
