package dev.engram.model;

import dev.engram.hash.HashConfig;
import java.util.Arrays;

/**
 * The {@code engram} section of a model config: which layers carry an Engram block and how their
 * n-gram tables are addressed.
 *
 * @param layerIds           layers with an Engram block, in the order their tables were allocated
 * @param maxNgramSize       largest n-gram order N; orders 2..N are looked up
 * @param embedPerNgram      width of the rows of one order, summed over its heads
 * @param headsPerNgram      hash heads per order; each head reads rows {@code embedPerNgram / headsPerNgram} wide
 * @param tableSizePerNgram  requested table size per order 2..N; each head takes the next unused prime above it
 * @param kernelSize         taps of the causal depthwise convolution
 * @param seed               seed of the hash multipliers
 * @param padTokenId         tokenizer id (not compressed) that fills positions before the sequence start
 * @param compressedVocab    file name of the compressed vocabulary, relative to the model folder
 * @param tableDir           table folder that holds the rows instead of the safetensors file, or null
 */
public record EngramConfig(int[] layerIds, int maxNgramSize, int embedPerNgram, int headsPerNgram,
                           int[] tableSizePerNgram, int kernelSize, long seed, int padTokenId,
                           String compressedVocab, String tableDir) {

    public EngramConfig {
        layerIds = layerIds.clone();
        tableSizePerNgram = tableSizePerNgram.clone();
    }

    @Override
    public int[] layerIds() {
        return layerIds.clone();
    }

    @Override
    public int[] tableSizePerNgram() {
        return tableSizePerNgram.clone();
    }

    /** Returns the width of one hash head's row. */
    public int headDim() {
        return embedPerNgram / headsPerNgram;
    }

    /** Returns the number of (order, head) rows concatenated per position. */
    public int headsPerLayer() {
        return (maxNgramSize - 1) * headsPerNgram;
    }

    /** Returns the width of the concatenated embedding {@code e_t}. */
    public int embeddingWidth() {
        return (maxNgramSize - 1) * embedPerNgram;
    }

    /** Returns the convolution dilation, which equals the largest n-gram order. */
    public int convDilation() {
        return maxNgramSize;
    }

    /** Returns the position of {@code layerId} in {@link #layerIds()}, or -1 if that layer has no Engram block. */
    public int indexOfLayer(int layerId) {
        for (int i = 0; i < layerIds.length; i++) {
            if (layerIds[i] == layerId) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the hashing shape for a compressed vocabulary of {@code compressedSize} ids. */
    public HashConfig hashConfig(int compressedSize, int compressedPadId) {
        return new HashConfig(layerIds, maxNgramSize, headsPerNgram, tableSizePerNgram, seed, compressedSize,
                compressedPadId);
    }

    static EngramConfig parse(ConfigFields fields) {
        EngramConfig config = new EngramConfig(
                fields.requireIntArray("layer_ids"),
                fields.requireInt("max_ngram_size"),
                fields.requireInt("n_embed_per_ngram"),
                fields.requireInt("n_head_per_ngram"),
                fields.requireIntArray("table_size_per_ngram"),
                fields.requireInt("kernel_size"),
                fields.requireInt("seed"),
                fields.requireInt("pad_token_id"),
                fields.optionalString("compressed_vocab"),
                fields.optionalString("table_dir"));
        config.validate(fields);
        return config;
    }

    private void validate(ConfigFields fields) {
        if (layerIds.length == 0) {
            throw fields.invalid("layer_ids", "a non-empty array", "[]");
        }
        if (maxNgramSize < 2) {
            throw fields.invalid("max_ngram_size", "at least 2", maxNgramSize);
        }
        if (headsPerNgram < 1 || embedPerNgram < 1 || embedPerNgram % headsPerNgram != 0) {
            throw fields.invalid("n_embed_per_ngram", "a positive multiple of n_head_per_ngram = " + headsPerNgram,
                    embedPerNgram);
        }
        if (tableSizePerNgram.length != maxNgramSize - 1) {
            throw fields.invalid("table_size_per_ngram", (maxNgramSize - 1) + " sizes, one per order 2.." + maxNgramSize,
                    Arrays.toString(tableSizePerNgram));
        }
        if (kernelSize < 1) {
            throw fields.invalid("kernel_size", "at least 1", kernelSize);
        }
        if (compressedVocab == null) {
            throw fields.invalid("compressed_vocab", "the file name of the compressed vocabulary", "nothing (missing)");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngramConfig that && Arrays.equals(layerIds, that.layerIds)
                && maxNgramSize == that.maxNgramSize && embedPerNgram == that.embedPerNgram
                && headsPerNgram == that.headsPerNgram && Arrays.equals(tableSizePerNgram, that.tableSizePerNgram)
                && kernelSize == that.kernelSize && seed == that.seed && padTokenId == that.padTokenId
                && java.util.Objects.equals(compressedVocab, that.compressedVocab)
                && java.util.Objects.equals(tableDir, that.tableDir);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layerIds) * 31 + Arrays.hashCode(tableSizePerNgram) + maxNgramSize;
    }

    @Override
    public String toString() {
        return "EngramConfig[layerIds=" + Arrays.toString(layerIds) + ", maxNgramSize=" + maxNgramSize
                + ", embedPerNgram=" + embedPerNgram + ", headsPerNgram=" + headsPerNgram + ", tableSizePerNgram="
                + Arrays.toString(tableSizePerNgram) + ", kernelSize=" + kernelSize + ", seed=" + seed
                + ", padTokenId=" + padTokenId + ", compressedVocab=" + compressedVocab + ", tableDir=" + tableDir + "]";
    }
}
