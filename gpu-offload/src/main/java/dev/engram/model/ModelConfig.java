package dev.engram.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.kernels.AttentionShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's {@code config.json}: a LLaMA-style decoder (RMSNorm, rotary attention with grouped-query heads,
 * SwiGLU MLP) with optional Engram blocks.
 *
 * @param engram          the Engram section, or null for a baseline model
 * @param tokenizerSha256 sha256 of the {@code tokenizer.json} the model was trained with, or null if unrecorded
 */
public record ModelConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int numKvHeads,
                          int intermediateSize, int maxSeqLen, double ropeTheta, double rmsNormEps, int hcMult,
                          EngramConfig engram, String tokenizerSha256) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Returns the width of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    public AttentionShape attentionShape() {
        return new AttentionShape(numHeads, numKvHeads, headDim());
    }

    public boolean hasEngram() {
        return engram != null;
    }

    /**
     * Reads and validates a {@code config.json}.
     *
     * @throws IllegalArgumentException naming the file and the field that is missing or invalid
     */
    public static ModelConfig read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model config " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model config " + file + " must be a JSON object");
        }
        ConfigFields fields = new ConfigFields(file, root, "");
        JsonNode engramNode = root.path("engram");
        EngramConfig engram = engramNode.isMissingNode() || engramNode.isNull()
                ? null
                : EngramConfig.parse(new ConfigFields(file, engramNode, "engram."));
        ModelConfig config = new ModelConfig(
                fields.requireInt("vocab_size"),
                fields.requireInt("hidden_size"),
                fields.requireInt("num_layers"),
                fields.requireInt("num_heads"),
                fields.optionalInt("num_kv_heads", fields.requireInt("num_heads")),
                fields.requireInt("intermediate_size"),
                fields.requireInt("max_seq_len"),
                fields.requireDouble("rope_theta"),
                fields.requireDouble("rms_norm_eps"),
                fields.optionalInt("hc_mult", 1),
                engram,
                fields.optionalString("tokenizer_sha256"));
        config.validate(fields);
        return config;
    }

    private void validate(ConfigFields fields) {
        positive(fields, "vocab_size", vocabSize);
        positive(fields, "hidden_size", hiddenSize);
        positive(fields, "num_layers", numLayers);
        positive(fields, "intermediate_size", intermediateSize);
        positive(fields, "max_seq_len", maxSeqLen);
        if (numHeads < 1 || hiddenSize % numHeads != 0 || (hiddenSize / numHeads) % 2 != 0) {
            throw fields.invalid("num_heads", "a positive divisor of hidden_size = " + hiddenSize
                    + " that leaves an even head width (rotary pairs)", numHeads);
        }
        if (numKvHeads < 1 || numHeads % numKvHeads != 0) {
            throw fields.invalid("num_kv_heads", "a positive divisor of num_heads = " + numHeads, numKvHeads);
        }
        if (!(ropeTheta > 0)) {
            throw fields.invalid("rope_theta", "a positive number", ropeTheta);
        }
        if (!(rmsNormEps > 0)) {
            throw fields.invalid("rms_norm_eps", "a positive number", rmsNormEps);
        }
        if (hcMult != 1) {
            throw fields.invalid("hc_mult", "1 (multi-branch hyper-connections, hc_mult > 1, are not supported yet)",
                    hcMult);
        }
        if (engram != null) {
            for (int layerId : engram.layerIds()) {
                if (layerId < 0 || layerId >= numLayers) {
                    throw fields.invalid("engram.layer_ids", "layer ids in [0, num_layers = " + numLayers + ")",
                            java.util.Arrays.toString(engram.layerIds()));
                }
            }
            if (engram.padTokenId() < 0 || engram.padTokenId() >= vocabSize) {
                throw fields.invalid("engram.pad_token_id", "a token id in [0, vocab_size = " + vocabSize + ")",
                        engram.padTokenId());
            }
        }
    }

    private static void positive(ConfigFields fields, String field, int value) {
        if (value < 1) {
            throw fields.invalid(field, "a positive integer", value);
        }
    }
}
