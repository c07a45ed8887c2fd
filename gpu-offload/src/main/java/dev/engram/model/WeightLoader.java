package dev.engram.model;

import dev.engram.kernels.Matrix;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.store.EngramLookup;
import dev.engram.store.EngramTable;
import dev.engram.store.TableSource;
import dev.engram.hash.NgramHasher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dense weights from a safetensors file onto the Java heap (they are small next to the tables)
 * and opens each Engram layer's table from a {@link TableSource}, checking every shape against the config.
 */
final class WeightLoader {
    private final ModelConfig config;
    private final SafetensorsFile file;

    WeightLoader(ModelConfig config, SafetensorsFile file) {
        this.config = config;
        this.file = file;
    }

    ModelWeights load(NgramHasher hasher, TableSource tables) throws IOException {
        int hidden = config.hiddenSize();
        List<LayerWeights> layers = new ArrayList<>(config.numLayers());
        for (int layer = 0; layer < config.numLayers(); layer++) {
            EngramWeights engram = null;
            if (config.hasEngram() && config.engram().indexOfLayer(layer) >= 0) {
                engram = loadEngram(layer, hasher, tables);
            }
            layers.add(loadLayer(layer, engram));
        }
        return new ModelWeights(
                matrix("model.embed_tokens.weight", config.vocabSize(), hidden),
                layers,
                vector("model.norm.weight", hidden),
                matrix("lm_head.weight", config.vocabSize(), hidden));
    }

    private LayerWeights loadLayer(int layer, EngramWeights engram) {
        String prefix = "model.layers." + layer + ".";
        int hidden = config.hiddenSize();
        int kvWidth = config.numKvHeads() * config.headDim();
        int intermediate = config.intermediateSize();
        return new LayerWeights(
                vector(prefix + "input_layernorm.weight", hidden),
                matrix(prefix + "self_attn.q_proj.weight", hidden, hidden),
                matrix(prefix + "self_attn.k_proj.weight", kvWidth, hidden),
                matrix(prefix + "self_attn.v_proj.weight", kvWidth, hidden),
                matrix(prefix + "self_attn.o_proj.weight", hidden, hidden),
                vector(prefix + "post_attention_layernorm.weight", hidden),
                matrix(prefix + "mlp.gate_proj.weight", intermediate, hidden),
                matrix(prefix + "mlp.up_proj.weight", intermediate, hidden),
                matrix(prefix + "mlp.down_proj.weight", hidden, intermediate),
                engram);
    }

    private EngramWeights loadEngram(int layer, NgramHasher hasher, TableSource tables) throws IOException {
        EngramConfig engram = config.engram();
        String prefix = "model.layers." + layer + ".engram.";
        int hidden = config.hiddenSize();
        int width = engram.embeddingWidth();
        int layerIndex = engram.indexOfLayer(layer);
        EngramTable table = tables.open(layer, EngramLookup.tableRows(hasher, layerIndex), engram.headDim());
        return new EngramWeights(
                table,
                matrix(prefix + "key_projs.0.weight", hidden, width),
                vector(prefix + "key_projs.0.bias", hidden),
                vector(prefix + "norm1.0.weight", hidden),
                vector(prefix + "norm2.0.weight", hidden),
                matrix(prefix + "value_proj.weight", hidden, width),
                vector(prefix + "value_proj.bias", hidden),
                file.readFloats(prefix + "short_conv.conv.weight", hidden, 1, engram.kernelSize()),
                vector(prefix + "short_conv.norms.0.weight", hidden));
    }

    private Matrix matrix(String name, int rows, int cols) {
        return new Matrix(file.readFloats(name, rows, cols), rows, cols);
    }

    private float[] vector(String name, int length) {
        return file.readFloats(name, length);
    }
}
