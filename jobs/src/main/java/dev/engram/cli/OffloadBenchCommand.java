package dev.engram.cli;

import dev.engram.io.Folders;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import dev.engram.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench offload}: the cost of keeping large Engram tables in host memory. The same model runs
 * with tables of several GB, memory-mapped outside the Java heap, and with tiny tables that fit in the CPU
 * caches. The ratio of the two prefill times is the offload overhead.
 */
@Command(
        name = "offload",
        mixinStandardHelpOptions = true,
        description = {
            "Times a 512-token prefill of one random model with two Engram layers, once with large tables "
                    + "(about 2.1 GB by default) and once with tiny ones, and prints the slowdown and the prefetch hit rate.",
            "Run with ENGRAM_JAVA_OPTS=-Xmx1g to check that tables larger than the heap work."
        })
final class OffloadBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--tokens", defaultValue = "512", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--hidden", defaultValue = "512", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "8", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--vocab", defaultValue = "32000", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--large-table-size", defaultValue = "262144",
            description = "Rows per head of the large tables, before rounding up to a prime (default: ${DEFAULT-VALUE}).")
    int largeTableSize;

    @Option(names = "--tiny-table-size", defaultValue = "1009", description = "Rows per head of the tiny tables (default: ${DEFAULT-VALUE}).")
    int tinyTableSize;

    @Option(names = "--head-dim", defaultValue = "64", description = "Floats per table row (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--threads", defaultValue = "2", description = "Kernel threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "3", description = "Discarded rounds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "9", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Folder for the two model folders (default: a temporary folder, deleted afterwards).")
    Path workDir;

    private static final int HEADS_PER_ORDER = 8;
    private static final int[] ENGRAM_LAYERS = {1, 5};

    @Override
    public Integer call() throws Exception {
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("engram-bench-offload-") : Files.createDirectories(workDir);
        try {
            Path tiny = writeModel(work.resolve("tiny"), tinyTableSize);
            Path large = writeModel(work.resolve("large"), largeTableSize);
            int[] ids = new SplittableRandom(7).ints(tokens, 0, vocab).toArray();

            try (EngramModel tinyModel = EngramModel.load(tiny, new VectorKernels(threads), true);
                    EngramModel largeModel = EngramModel.load(large, new VectorKernels(threads), true)) {
                // Rounds alternate between the two models, so machine load and JIT state drift affect both alike.
                for (int i = 0; i < warmup; i++) {
                    prefill(tinyModel, ids);
                    prefill(largeModel, ids);
                }
                double[] tinySeconds = new double[rounds];
                double[] largeSeconds = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    tinySeconds[i] = prefill(tinyModel, ids);
                    largeSeconds[i] = prefill(largeModel, ids);
                }
                double tinyMedian = median(tinySeconds);
                double largeMedian = median(largeSeconds);
                report("tiny tables ", tiny, tinyModel, ids.length, tinyMedian);
                report("large tables", large, largeModel, ids.length, largeMedian);
                System.out.printf("slowdown with large tables: %+.1f%% (goal: at most +3%%)%n",
                        (largeMedian / tinyMedian - 1) * 100);
            }
        } finally {
            if (temporary) {
                Folders.deleteRecursively(work);
            }
        }
        return 0;
    }

    private static double prefill(EngramModel model, int[] ids) {
        long start = System.nanoTime();
        model.forward(model.newState(), ids);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void report(String label, Path folder, EngramModel model, int tokens, double seconds) throws IOException {
        System.out.printf("%s: model.safetensors %.2f GB, heap max %.2f GB, prefill %d tokens %.3f s (median), "
                        + "prefetch hit rate %.2f%n", label, Files.size(folder.resolve("model.safetensors")) / 1e9,
                Runtime.getRuntime().maxMemory() / 1e9, tokens, seconds, model.prefetchHitRate());
    }

    /** Writes a random model whose two Engram layers have {@code tableSize} rows per head. */
    private Path writeModel(Path folder, int tableSize) throws IOException {
        Files.createDirectories(folder);
        ArrayNode lookup = JSON.createArrayNode();
        for (int id = 0; id < vocab; id++) {
            lookup.add(id);
        }
        ObjectNode vocabulary = JSON.createObjectNode();
        vocabulary.put("compressedSize", vocab);
        vocabulary.set("lookup", lookup);
        Files.write(folder.resolve("compressed_vocab.json"), JSON.writeValueAsBytes(vocabulary));

        ObjectNode config = JSON.createObjectNode();
        config.put("vocab_size", vocab);
        config.put("hidden_size", hidden);
        config.put("num_layers", layers);
        config.put("num_heads", 8);
        config.put("num_kv_heads", 8);
        config.put("intermediate_size", 1376);
        config.put("max_seq_len", Math.max(tokens, 64));
        config.put("rope_theta", 10000.0);
        config.put("rms_norm_eps", 1e-5);
        config.put("hc_mult", 1);
        ObjectNode engram = config.putObject("engram");
        ArrayNode layerIds = engram.putArray("layer_ids");
        for (int layer : ENGRAM_LAYERS) {
            layerIds.add(layer);
        }
        engram.put("max_ngram_size", 3);
        engram.put("n_embed_per_ngram", HEADS_PER_ORDER * headDim);
        engram.put("n_head_per_ngram", HEADS_PER_ORDER);
        engram.putArray("table_size_per_ngram").add(tableSize).add(tableSize);
        engram.put("kernel_size", 4);
        engram.put("seed", 0);
        engram.put("pad_token_id", 0);
        engram.put("compressed_vocab", "compressed_vocab.json");
        config.put("architecture", "engram-llama");
        Path configFile = folder.resolve("config.json");
        Files.write(configFile, JSON.writeValueAsBytes(config));

        try (TrainableModel model = TrainableModel.initialize(configFile, 0)) {
            model.save(folder);
        }
        return folder;
    }

}
