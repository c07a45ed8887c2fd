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

    /**
     * Describes the first field in which {@code requested} differs from this config, as
     * {@code "seed: existing 0, requested 1"}, or returns null when they are equal.
     */
    public String firstDifference(TableConfig requested) {
        if (!layers.equals(requested.layers)) {
            return "layers: existing " + layers + ", requested " + requested.layers;
        }
        if (maxNgram != requested.maxNgram) {
            return "max-ngram: existing " + maxNgram + ", requested " + requested.maxNgram;
        }
        if (heads != requested.heads) {
            return "heads: existing " + heads + ", requested " + requested.heads;
        }
        if (!tableSizes.equals(requested.tableSizes)) {
            return "table-sizes: existing " + tableSizes + ", requested " + requested.tableSizes;
        }
        if (headDim != requested.headDim) {
            return "head-dim: existing " + headDim + ", requested " + requested.headDim;
        }
        if (seed != requested.seed) {
            return "seed: existing " + seed + ", requested " + requested.seed;
        }
        if (padTokenId != requested.padTokenId) {
            return "pad-token-id: existing " + padTokenId + ", requested " + requested.padTokenId;
        }
        return null;
    }
}
