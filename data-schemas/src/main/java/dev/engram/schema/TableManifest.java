package dev.engram.schema;

import java.util.List;

/**
 * {@value #FILE} of a table folder: everything needed to address, verify and regenerate the tables.
 *
 * @param formatVersion        layout version of this file and the shards, {@value #FORMAT_VERSION} for now
 * @param config               the table config the tables were built with
 * @param compressedPadId      compressed id of {@code config.padTokenId}, used for positions before a document start
 * @param tokenizer            tokenizer of the counted n-grams
 * @param compressedVocabulary compressed vocabulary, stored in the table folder
 * @param inputs               n-gram folders the tables were built from
 * @param orders               n-gram counts per order of the input
 * @param emptyBucketsStored   whether buckets no n-gram reaches have rows in the shards; when false a
 *                             reader returns the initial vector for them
 * @param vectorInit           generator of the initial vectors
 * @param layers               multipliers and primes per layer, as the hasher computes them
 * @param shards               every shard file with its sha256, ordered by layer, order, head
 */
public record TableManifest(
        int formatVersion,
        TableConfig config,
        int compressedPadId,
        TokenizerReference tokenizer,
        CompressedVocabularyReference compressedVocabulary,
        List<String> inputs,
        List<OrderCounts> orders,
        boolean emptyBucketsStored,
        VectorInit vectorInit,
        List<LayerAddressing> layers,
        List<ShardEntry> shards) {

    public static final String FILE = "manifest.json";
    public static final int FORMAT_VERSION = 1;

    public TableManifest {
        inputs = List.copyOf(inputs);
        orders = List.copyOf(orders);
        layers = List.copyOf(layers);
        shards = List.copyOf(shards);
    }

    /** Returns the shard of one (layer, order, head), or throws naming the missing key. */
    public ShardEntry shard(int layerId, int order, int head) {
        for (ShardEntry shard : shards) {
            if (shard.layerId() == layerId && shard.order() == order && shard.head() == head) {
                return shard;
            }
        }
        throw new IllegalArgumentException("no shard for layer " + layerId + ", order " + order + ", head " + head
                + " in " + FILE + "; the table has layers " + config.layers() + ", orders 2.." + config.maxNgram()
                + " and " + config.heads() + " heads");
    }
}
