package dev.engram.jobs;

import java.io.Serializable;

/**
 * One input document before tokenization.
 *
 * @param docId unique id, see {@link DocumentSource} for how it is formed
 * @param text  the document text
 */
public record Document(long docId, String text) implements Serializable {
}
