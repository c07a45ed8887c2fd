package dev.engram.schema;

import java.util.List;

/**
 * The user's request for a set of Engram tables, as {@code build-tables} flags or a {@code --config} file
 * set it. Two builds with equal configs, inputs and tokenizer write byte-identical shards.
 *
 * @param layers     transformer layer ids that own a table, in the order the prime walk visits them
 * @param maxNgram   largest n-gram order N; orders 2..N get tables
 * @param heads      hash heads per order
 * @param tableSizes requested table size per order, order 2 first; each head takes a distinct prime above it
 * @param headDim    embedding width of one head's row
 * @param seed       base seed of the multipliers and of the initial vectors
 * @param padTokenId tokenizer id whose compressed id fills positions before a document start
 */
public record TableConfig(
        List<Integer> layers,
        int maxNgram,
        int heads,
        List<Integer> tableSizes,
        int headDim,
        long seed,
        int padTokenId) {

    public TableConfig {
        layers = List.copyOf(layers);
        tableSizes = List.copyOf(tableSizes);
        if (headDim < 1) {
            throw new IllegalArgumentException("head-dim: the embedding width per head must be at least 1, got " + headDim);
        }
        if (padTokenId < 0) {
            throw new IllegalArgumentException("pad-token-id: must be a non-negative tokenizer id, got " + padTokenId);
        }
    }

    /** Returns a description of the first field that differs from {@code other}, or null if none does. */
    public String firstDifference(TableConfig other) {
        if (!layers.equals(other.layers)) {
            return "layers " + other.layers + " vs " + layers;
        }
        if (maxNgram != other.maxNgram) {
            return "max-ngram " + other.maxNgram + " vs " + maxNgram;
        }
        if (heads != other.heads) {
            return "heads " + other.heads + " vs " + heads;
        }
        if (!tableSizes.equals(other.tableSizes)) {
            return "table-sizes " + other.tableSizes + " vs " + tableSizes;
        }
        if (headDim != other.headDim) {
            return "head-dim " + other.headDim + " vs " + headDim;
        }
        if (seed != other.seed) {
            return "seed " + other.seed + " vs " + seed;
        }
        if (padTokenId != other.padTokenId) {
            return "pad-token-id " + other.padTokenId + " vs " + padTokenId;
        }
        return null;
    }
}
