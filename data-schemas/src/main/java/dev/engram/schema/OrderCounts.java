package dev.engram.schema;

/**
 * Counts of one n-gram order.
 *
 * @param order       n-gram order
 * @param positions   token positions, so every n-gram occurrence before {@code --min-count} filtering
 * @param distinct    distinct n-grams kept
 * @param occurrences sum of the counts of the n-grams kept
 */
public record OrderCounts(int order, long positions, long distinct, long occurrences) {
}
