package dev.engram.eval.task;

import java.util.List;

/**
 * Settings of a suite built from held-out corpus text instead of a benchmark file.
 *
 * @param kind           {@code perplexity}, {@code cloze} or {@code niah}
 * @param variant        for niah, RULER's task: {@code single}, {@code multikey}, {@code multivalue} or
 *                       {@code multiquery}
 * @param contextLengths for niah, haystack sizes in tokens
 * @param depths         for niah, needle positions as fractions of the haystack, 0 = start, 1 = end
 * @param samples        items per (length, depth) cell for niah, or documents for perplexity and cloze
 * @param seed           seed for choosing documents, keys and values
 */
public record GeneratorSpec(String kind, String variant, List<Integer> contextLengths, List<Double> depths,
                            int samples, long seed) {
    public GeneratorSpec {
        contextLengths = List.copyOf(contextLengths);
        depths = List.copyOf(depths);
    }
}
