package dev.engram.eval.task;

/**
 * How few-shot examples are chosen.
 *
 * @param path    file of example documents with the same {@code *} as the dataset path, or null to draw from
 *                the evaluated documents themselves (never the document being asked)
 * @param sampler {@code first_n} (the file's first examples, as the harness does for MMLU) or {@code random}
 * @param seed    seed of the random sampler; the harness default is 1234
 */
public record FewShotSpec(String path, String sampler, long seed) {
}
