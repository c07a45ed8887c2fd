package dev.engram.schema;

import java.util.List;

/**
 * {@value #FILE} of a tokens folder: what {@code tokenize} read and produced.
 *
 * @param inputs               input paths or URIs as given
 * @param format               input format name ({@code text}, {@code lines}, {@code jsonl}, ...)
 * @param field                JSON field or Parquet column read, or null for plain text
 * @param tokenizer            tokenizer used
 * @param compressedVocabulary compressed vocabulary used, stored in this folder
 * @param documents            documents written (documents with no tokens are skipped)
 * @param tokens               tokens written over all documents
 * @param textBytes            UTF-8 bytes of the document texts that were tokenized
 * @param parts                Parquet part files written
 */
public record TokensManifest(
        List<String> inputs,
        String format,
        String field,
        TokenizerReference tokenizer,
        CompressedVocabularyReference compressedVocabulary,
        long documents,
        long tokens,
        long textBytes,
        int parts) {

    /** Starts with an underscore so Spark and Hadoop readers skip it when they list the Parquet parts. */
    public static final String FILE = "_manifest.json";

    public TokensManifest {
        inputs = List.copyOf(inputs);
    }
}
