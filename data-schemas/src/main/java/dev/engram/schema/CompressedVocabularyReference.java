package dev.engram.schema;

/**
 * The compressed vocabulary a stage used, stored as a file beside the stage's output.
 *
 * @param file   file name relative to the output folder
 * @param sha256 sha256 of that file
 * @param size   number of compressed ids
 */
public record CompressedVocabularyReference(String file, String sha256, int size) {
}
