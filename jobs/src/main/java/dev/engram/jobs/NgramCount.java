package dev.engram.jobs;

import java.io.Serializable;

/**
 * One distinct n-gram with its count, pad positions already replaced by the compressed pad id.
 *
 * @param ngram compressed ids, oldest first
 * @param count occurrences in the corpus
 */
record NgramCount(int[] ngram, long count) implements Serializable {
}
