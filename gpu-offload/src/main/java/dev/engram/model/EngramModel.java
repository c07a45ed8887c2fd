package dev.engram.model;

import dev.engram.hash.NgramHasher;
import dev.engram.kernels.Kernels;
import dev.engram.kernels.VectorKernels;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.store.EngramLookup;
import dev.engram.store.EngramTable;
import dev.engram.store.PrefetchedRows;
import dev.engram.store.RowPrefetcher;
import dev.engram.store.SafetensorsTableSource;
import dev.engram.store.TableFolderSource;
import dev.engram.store.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model folder ({@code config.json}, {@code model.safetensors} and, for Engram models, the compressed
 * vocabulary) ready to run. The safetensors file stays memory-mapped while the model is open because the
 * Engram tables are read from it in place.
 *
 * <p>One model serves many {@link InferenceState}s, but forward calls must not run concurrently: the
 * kernels' worker threads are shared.
 */
public final class EngramModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngramModel.class);

    private final Path folder;
    private final ModelConfig config;
    private final SafetensorsFile weightsFile;
    private final Kernels kernels;
    private final RowPrefetcher prefetcher;
    private final Transformer transformer;
    /** Owns native memory when the rows come from a table folder, so it is closed with the model. */
    private final TableSource tableSource;

    private EngramModel(Path folder, ModelConfig config, SafetensorsFile weightsFile, Kernels kernels,
                        RowPrefetcher prefetcher, Transformer transformer, TableSource tableSource) {
        this.folder = folder;
        this.tableSource = tableSource;
        this.config = config;
        this.weightsFile = weightsFile;
        this.kernels = kernels;
        this.prefetcher = prefetcher;
        this.transformer = transformer;
    }

    /** Loads a model folder with the Vector API kernels on all available processors and background prefetch. */
    public static EngramModel load(Path folder) throws IOException {
        return load(folder, new VectorKernels(Runtime.getRuntime().availableProcessors()), true);
    }

    /**
     * Loads a model folder.
     *
     * @param kernels            the backend to run on; the model closes it when it is closed
     * @param backgroundPrefetch true to gather Engram rows on a separate thread while earlier layers run
     * @throws IllegalArgumentException naming the file and field or tensor when the folder is inconsistent
     */
    public static EngramModel load(Path folder, Kernels kernels, boolean backgroundPrefetch) throws IOException {
        long start = System.nanoTime();
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"));
        try {
            CompressedIdMap compressedIds = null;
            NgramHasher hasher = null;
            TableSource tables = null;
            if (config.hasEngram()) {
                EngramConfig engram = config.engram();
                compressedIds = CompressedIdMap.read(folder.resolve(engram.compressedVocab()), config.vocabSize());
                hasher = new NgramHasher(engram.hashConfig(compressedIds.size(),
                        compressedIds.compress(engram.padTokenId())));
                tables = tableSource(folder, engram, file);
            }
            ModelWeights weights = new WeightLoader(config, file).load(hasher, tables);
            RowPrefetcher prefetcher = hasher == null ? null
                    : new RowPrefetcher(new EngramLookup(hasher, engramTables(config, weights)), backgroundPrefetch);
            Transformer transformer = new Transformer(config, weights, kernels, compressedIds, prefetcher);
            LOG.info("Loaded model {}: {} layers, hidden {}, vocab {}, Engram layers {}, kernels {} in {} ms", folder,
                    config.numLayers(), config.hiddenSize(), config.vocabSize(),
                    config.hasEngram() ? java.util.Arrays.toString(config.engram().layerIds()) : "none",
                    kernels.name(), (System.nanoTime() - start) / 1_000_000);
            return new EngramModel(folder, config, file, kernels, prefetcher, transformer, tables);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Returns the table folder named by {@code engram.table_dir} (relative to the model folder), else the safetensors file. */
    private static TableSource tableSource(Path folder, EngramConfig engram, SafetensorsFile file) throws IOException {
        if (engram.tableDir() != null) {
            return new TableFolderSource(folder.resolve(engram.tableDir()), engram);
        }
        return new SafetensorsTableSource(file);
    }

    private static EngramTable[] engramTables(ModelConfig config, ModelWeights weights) {
        int[] layerIds = config.engram().layerIds();
        EngramTable[] tables = new EngramTable[layerIds.length];
        for (int i = 0; i < layerIds.length; i++) {
            tables[i] = weights.layers().get(layerIds[i]).engram().table();
        }
        return tables;
    }

    public Path folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    /** Returns an empty state that holds up to {@code max_seq_len} tokens. */
    public InferenceState newState() {
        return newState(config.maxSeqLen());
    }

    /** Returns an empty state that holds up to {@code capacity} tokens; rotary positions beyond max_seq_len still work. */
    public InferenceState newState(int capacity) {
        return new InferenceState(config, capacity);
    }

    /** Runs {@code ids} after the tokens in {@code state} and returns the logits of each, {@code ids.length x vocab}. */
    public float[] forward(InferenceState state, int[] ids) {
        return transformer.forward(state, ids, null, true);
    }

    /** Runs {@code ids} after the tokens in {@code state} and returns the logits of the last one only. */
    public float[] forwardLast(InferenceState state, int[] ids) {
        return transformer.forward(state, ids, null, false);
    }

    /**
     * Prefills a batch of independent sequences and returns each one's logits. The Engram rows of sequence
     * {@code i + 1} are gathered in the background while sequence {@code i} runs.
     */
    public List<float[]> prefill(List<int[]> sequences) {
        long start = System.nanoTime();
        List<InferenceState> states = new ArrayList<>(sequences.size());
        List<PrefetchedRows> rows = new ArrayList<>(sequences.size());
        for (int[] sequence : sequences) {
            InferenceState state = newState(Math.max(config.maxSeqLen(), sequence.length));
            states.add(state);
            rows.add(null);
        }
        List<float[]> logits = new ArrayList<>(sequences.size());
        int tokens = 0;
        for (int i = 0; i < sequences.size(); i++) {
            if (i == 0) {
                rows.set(0, transformer.prefetch(states.get(0), sequences.get(0)));
            }
            if (i + 1 < sequences.size()) {
                rows.set(i + 1, transformer.prefetch(states.get(i + 1), sequences.get(i + 1)));
            }
            logits.add(transformer.forward(states.get(i), sequences.get(i), rows.get(i), true));
            tokens += sequences.get(i).length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.debug("Prefilled {} sequences, {} tokens in {} s ({} tokens/s)", sequences.size(), tokens,
                String.format("%.3f", seconds), String.format("%.0f", tokens / seconds));
        return logits;
    }

    /** Returns the share of Engram layer requests whose rows were gathered in time, or NaN if none yet. */
    public double prefetchHitRate() {
        return prefetcher == null ? Double.NaN : prefetcher.hitRate();
    }

    /** Returns whether the folder carries a {@code tokenizer.json}, which text input needs. */
    public boolean hasTokenizer() {
        return Files.exists(folder.resolve("tokenizer.json"));
    }

    @Override
    public void close() {
        if (prefetcher != null) {
            prefetcher.close();
        }
        kernels.close();
        weightsFile.close();
        if (tableSource != null) {
            try {
                tableSource.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("closing the table source of " + folder + " failed", e);
            }
        }
    }
}
