package dev.engram.eval.task;

/**
 * Where a task's documents come from.
 *
 * @param format  {@code jsonl}, {@code json}, {@code csv}, {@code hellaswag} (bzip2 or plain, six lines per
 *                item) or {@code corpus} (held-out text for the generated suites)
 * @param path    file path relative to the benchmarks folder; one {@code *} makes the task a group with one
 *                subtask per matching file, named by what the {@code *} matched. For {@code corpus} the path
 *                is the corpus file given at run time and this field is ignored.
 * @param records for {@code json}: the field holding the list of documents
 * @param labels  optional line-aligned labels file; line i becomes field {@code label} of document i
 */
public record DatasetSpec(String format, String path, String records, String labels) {
}
