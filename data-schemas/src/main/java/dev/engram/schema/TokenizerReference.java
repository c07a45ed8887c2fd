package dev.engram.schema;

/**
 * The tokenizer a stage used.
 *
 * @param path      where it was loaded from, as given on the command line
 * @param sha256    sha256 of the tokenizer.json bytes; later stages compare it, not the path
 * @param vocabSize number of tokenizer ids
 */
public record TokenizerReference(String path, String sha256, int vocabSize) {
}
