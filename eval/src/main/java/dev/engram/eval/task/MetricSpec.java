package dev.engram.eval.task;

import java.util.List;

/**
 * One metric to report.
 *
 * @param name             {@code acc}, {@code acc_norm}, {@code exact_match}, {@code perplexity},
 *                         {@code word_perplexity}, {@code byte_perplexity}, {@code bits_per_byte} or
 *                         {@code string_match_all}
 * @param ignoreCase       exact_match: compare lower-cased
 * @param ignorePunctuation exact_match: drop Unicode punctuation before comparing
 * @param regexesToIgnore  exact_match: patterns removed from prediction and reference before comparing
 */
public record MetricSpec(String name, boolean ignoreCase, boolean ignorePunctuation, List<String> regexesToIgnore) {
    public MetricSpec {
        regexesToIgnore = List.copyOf(regexesToIgnore);
    }
}
