package dev.engram.jobs;

import java.io.Serializable;

/**
 * One document after tokenization.
 *
 * @param docId      the input document's id
 * @param ids        tokenizer ids
 * @param compressed the same positions as compressed ids
 * @param textBytes  UTF-8 length of the input text, for throughput figures
 */
record TokenizedDocument(long docId, int[] ids, int[] compressed, long textBytes) implements Serializable {
}
