package dev.engram.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.hash.NgramHasher;
import dev.engram.kernels.Matrix;
import dev.engram.model.CompressedIdMap;
import dev.engram.model.EngramConfig;
import dev.engram.model.EngramWeights;
import dev.engram.model.LayerWeights;
import dev.engram.model.ModelConfig;
import dev.engram.model.ModelWeights;
import dev.engram.safetensors.DType;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.SafetensorsWriter;
import dev.engram.store.EngramLookup;
import dev.engram.store.SafetensorsTableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A model whose weights can change: every dense tensor as a heap {@link Parameter} with a gradient buffer,
 * and each Engram layer's table as an {@link OffHeapTable}. {@link #weights()} views the same arrays in the
 * executor's layout, so a parameter update is seen by the next forward pass without copying.
 *
 * <p>Saved folders have the executor's model format (config.json, model.safetensors with the tables inside,
 * the compressed vocabulary), so {@code EngramModel.load} opens them.
 */
public final class TrainableModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Standard deviation of the initial weights of matrices and table rows, as in LLaMA-style training code. */
    private static final double INIT_STD = 0.02;

    private final ModelConfig config;
    private final ObjectNode configJson;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final OffHeapTable[] tables;
    private final CompressedIdMap compressedIds;
    private final Path compressedVocabFile;
    private final NgramHasher hasher;
    private final long[][] headOffsets;
    private final ModelWeights weights;

    private TrainableModel(ModelConfig config, ObjectNode configJson, CompressedIdMap compressedIds,
                           Path compressedVocabFile, TensorSource source) throws IOException {
        this.config = config;
        this.configJson = configJson;
        this.compressedIds = compressedIds;
        this.compressedVocabFile = compressedVocabFile;
        EngramConfig engram = config.engram();
        this.hasher = engram == null ? null : new NgramHasher(engram.hashConfig(compressedIds.size(),
                compressedIds.compress(engram.padTokenId())));
        int engramLayers = engram == null ? 0 : engram.layerIds().length;
        this.tables = new OffHeapTable[engramLayers];
        this.headOffsets = new long[engramLayers][];
        this.weights = build(source);
    }

    /**
     * Creates a model with fresh weights: matrices and table rows from N(0, 0.02^2), norm weights 1, biases 0,
     * and the Engram convolution 0 so that each Engram block starts as {@code Y = V}.
     *
     * @param configFile the {@code config.json}; an Engram config's compressed vocabulary is resolved beside it
     */
    public static TrainableModel initialize(Path configFile, long seed) throws IOException {
        ModelConfig config = ModelConfig.read(configFile);
        ObjectNode json = (ObjectNode) JSON.readTree(configFile.toFile());
        return initialize(config, json, configFile.toAbsolutePath().getParent(), seed);
    }

    /** Creates a model with fresh weights from an already parsed config; see {@link #initialize(Path, long)}. */
    public static TrainableModel initialize(ModelConfig config, ObjectNode configJson, Path configFolder, long seed)
            throws IOException {
        Path vocab = config.hasEngram() ? configFolder.resolve(config.engram().compressedVocab()) : null;
        CompressedIdMap ids = vocab == null ? null : CompressedIdMap.read(vocab, config.vocabSize());
        return new TrainableModel(config, configJson, ids, vocab, new RandomInit(seed));
    }

    /** Loads a model folder written by {@link #save} or by the reference exporter. */
    public static TrainableModel load(Path folder) throws IOException {
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        ObjectNode json = (ObjectNode) JSON.readTree(folder.resolve("config.json").toFile());
        Path vocab = config.hasEngram() ? folder.resolve(config.engram().compressedVocab()) : null;
        CompressedIdMap ids = vocab == null ? null : CompressedIdMap.read(vocab, config.vocabSize());
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            return new TrainableModel(config, json, ids, vocab, new FileInit(file));
        }
    }

    private ModelWeights build(TensorSource source) throws IOException {
        int hidden = config.hiddenSize();
        int vocab = config.vocabSize();
        int kvWidth = config.numKvHeads() * config.headDim();
        int intermediate = config.intermediateSize();
        Matrix embed = matrix(source, "model.embed_tokens.weight", vocab, hidden);
        List<LayerWeights> layers = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String prefix = "model.layers." + layer + ".";
            EngramWeights engram = null;
            if (config.hasEngram() && config.engram().indexOfLayer(layer) >= 0) {
                engram = engramWeights(source, layer);
            }
            layers.add(new LayerWeights(
                    vector(source, prefix + "input_layernorm.weight", hidden, 1f),
                    matrix(source, prefix + "self_attn.q_proj.weight", hidden, hidden),
                    matrix(source, prefix + "self_attn.k_proj.weight", kvWidth, hidden),
                    matrix(source, prefix + "self_attn.v_proj.weight", kvWidth, hidden),
                    matrix(source, prefix + "self_attn.o_proj.weight", hidden, hidden),
                    vector(source, prefix + "post_attention_layernorm.weight", hidden, 1f),
                    matrix(source, prefix + "mlp.gate_proj.weight", intermediate, hidden),
                    matrix(source, prefix + "mlp.up_proj.weight", intermediate, hidden),
                    matrix(source, prefix + "mlp.down_proj.weight", hidden, intermediate),
                    engram));
        }
        float[] finalNorm = vector(source, "model.norm.weight", hidden, 1f);
        Matrix head = matrix(source, "lm_head.weight", vocab, hidden);
        return new ModelWeights(embed, layers, finalNorm, head);
    }

    private EngramWeights engramWeights(TensorSource source, int layer) throws IOException {
        EngramConfig engram = config.engram();
        String prefix = "model.layers." + layer + ".engram.";
        int hidden = config.hiddenSize();
        int width = engram.embeddingWidth();
        int index = engram.indexOfLayer(layer);
        headOffsets[index] = computeHeadOffsets(index);
        long rows = EngramLookup.tableRows(hasher, index);
        tables[index] = new OffHeapTable(rows, engram.headDim());
        source.fillTable(SafetensorsTableSource.tensorName(layer), tables[index]);
        return new EngramWeights(
                tables[index],
                matrix(source, prefix + "key_projs.0.weight", hidden, width),
                vector(source, prefix + "key_projs.0.bias", hidden, 0f),
                vector(source, prefix + "norm1.0.weight", hidden, 1f),
                vector(source, prefix + "norm2.0.weight", hidden, 1f),
                matrix(source, prefix + "value_proj.weight", hidden, width),
                vector(source, prefix + "value_proj.bias", hidden, 0f),
                tensor(source, prefix + "short_conv.conv.weight", new long[] {hidden, 1, engram.kernelSize()}, 0f,
                        false),
                vector(source, prefix + "short_conv.norms.0.weight", hidden, 1f));
    }

    private long[] computeHeadOffsets(int layerIndex) {
        int[][] primes = hasher.primes(layerIndex);
        long[] offsets = new long[config.engram().headsPerLayer()];
        long next = 0;
        int head = 0;
        for (int[] orderPrimes : primes) {
            for (int prime : orderPrimes) {
                offsets[head++] = next;
                next += prime;
            }
        }
        return offsets;
    }

    private Matrix matrix(TensorSource source, String name, int rows, int cols) throws IOException {
        return new Matrix(tensor(source, name, new long[] {rows, cols}, Float.NaN, true), rows, cols);
    }

    private float[] vector(TensorSource source, String name, int length, float fill) throws IOException {
        return tensor(source, name, new long[] {length}, fill, false);
    }

    /** Reads or initializes one tensor; {@code fill} NaN means random N(0, 0.02^2). */
    private float[] tensor(TensorSource source, String name, long[] shape, float fill, boolean decayed)
            throws IOException {
        float[] values = source.read(name, shape, fill);
        parameters.put(name, new Parameter(name, shape, values, new float[values.length], decayed));
        return values;
    }

    /** Writes config.json, model.safetensors (tables included) and the compressed vocabulary into {@code folder}. */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        SafetensorsWriter writer = new SafetensorsWriter();
        for (Parameter parameter : parameters.values()) {
            writer.add(parameter.name(), DType.F32, parameter.shape(), parameter.values());
        }
        for (int i = 0; i < tables.length; i++) {
            writer.addF32(SafetensorsTableSource.tensorName(config.engram().layerIds()[i]),
                    new long[] {tables[i].rows(), tables[i].rowWidth()}, tables[i].segment());
        }
        writer.write(folder.resolve("model.safetensors"));
        Path configTemporary = folder.resolve("config.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(configTemporary.toFile(), configJson);
        Files.move(configTemporary, folder.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        if (compressedVocabFile != null) {
            Path target = folder.resolve(config.engram().compressedVocab());
            if (!Files.exists(target) || !Files.isSameFile(compressedVocabFile, target)) {
                Files.copy(compressedVocabFile, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** Returns the weights in the executor's layout, sharing arrays with {@link #parameters()}. */
    public ModelWeights weights() {
        return weights;
    }

    /** Returns the dense parameters in file order. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters.values());
    }

    public Parameter parameter(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("model has no parameter named " + name);
        }
        return parameter;
    }

    /** Returns the Engram tables, one per entry of {@code engram.layer_ids}; empty for a baseline. */
    public OffHeapTable[] tables() {
        return tables.clone();
    }

    /** Returns the hasher of the Engram n-grams, or null for a baseline. */
    public NgramHasher hasher() {
        return hasher;
    }

    public CompressedIdMap compressedIds() {
        return compressedIds;
    }

    /** Returns the first row of each (order, head) table inside the stacked table of an Engram layer. */
    long[] headOffsets(int engramIndex) {
        return headOffsets[engramIndex];
    }

    /** Sets every dense gradient to zero. */
    public void zeroGradients() {
        for (Parameter parameter : parameters.values()) {
            java.util.Arrays.fill(parameter.gradient(), 0f);
        }
    }

    @Override
    public void close() {
        for (OffHeapTable table : tables) {
            if (table != null) {
                table.close();
            }
        }
    }

    /** Source of initial tensor values: a file, or a seeded random draw. */
    private interface TensorSource {
        float[] read(String name, long[] shape, float fill) throws IOException;

        void fillTable(String name, OffHeapTable table) throws IOException;
    }

    private record FileInit(SafetensorsFile file) implements TensorSource {
        @Override
        public float[] read(String name, long[] shape, float fill) {
            return file.readFloats(name, shape);
        }

        @Override
        public void fillTable(String name, OffHeapTable table) {
            float[] row = new float[table.rowWidth()];
            var info = file.info(name);
            if (info.rank() != 2 || info.dimension(0) != table.rows() || info.dimension(1) != table.rowWidth()) {
                throw new IllegalArgumentException("tensor " + name + " in " + file.path() + " has shape "
                        + java.util.Arrays.toString(info.shape()) + ", expected [" + table.rows() + ", "
                        + table.rowWidth() + "]");
            }
            var segment = file.segment(name);
            for (long r = 0; r < table.rows(); r++) {
                SafetensorsFile.copyToFloats(segment, info.dtype(), r * table.rowWidth(), row, 0, row.length);
                table.writeRow(r, row, 0);
            }
        }
    }

    /** Draws each tensor from its own generator, seeded by the model seed and the tensor name. */
    private record RandomInit(long seed) implements TensorSource {
        @Override
        public float[] read(String name, long[] shape, float fill) {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            float[] values = new float[Math.toIntExact(count)];
            if (Float.isNaN(fill)) {
                Random random = random(name);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * INIT_STD);
                }
            } else {
                java.util.Arrays.fill(values, fill);
            }
            return values;
        }

        @Override
        public void fillTable(String name, OffHeapTable table) {
            Random random = random(name);
            float[] row = new float[table.rowWidth()];
            for (long r = 0; r < table.rows(); r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) (random.nextGaussian() * INIT_STD);
                }
                table.writeRow(r, row, 0);
            }
        }

        private Random random(String name) {
            return new Random(seed * 1_000_003L + name.hashCode());
        }
    }
}
