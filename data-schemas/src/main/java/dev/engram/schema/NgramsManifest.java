package dev.engram.schema;

import java.util.List;

/**
 * {@value #FILE} of an n-grams folder: what {@code count-ngrams} read and produced.
 *
 * @param tokens               the tokens folder counted
 * @param tokenizer            tokenizer of those tokens
 * @param compressedVocabulary compressed vocabulary of those tokens, copied into this folder
 * @param maxNgram             largest order counted; orders 2..maxNgram are present
 * @param minCount             n-grams with a lower count were dropped
 * @param orders               counts per order, order 2 first
 */
public record NgramsManifest(
        String tokens,
        TokenizerReference tokenizer,
        CompressedVocabularyReference compressedVocabulary,
        int maxNgram,
        long minCount,
        List<OrderCounts> orders) {

    /** Starts with an underscore so Spark and Hadoop readers skip it when they list the Parquet parts. */
    public static final String FILE = "_manifest.json";

    public NgramsManifest {
        orders = List.copyOf(orders);
    }
}
