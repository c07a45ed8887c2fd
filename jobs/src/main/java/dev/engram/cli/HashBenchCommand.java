package dev.engram.cli;

import dev.engram.hash.HashConfig;
import dev.engram.hash.NgramHasher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench hash}: n-gram hashing throughput for the default shape of the Engram paper (arXiv 2601.07372) (layers 1 and 15,
 * orders 2-3, 8 heads, 129,280 x 5 rows per order, DeepSeek-V3's 98,627 compressed ids).
 */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        description = "Hashes a long random compressed-id array for the paper's default Engram shape and prints "
                + "hashes/s per core; with --numpy also runs bench/numpy_hash.py on the same shape and prints the ratio.")
final class HashBenchCommand implements Callable<Integer> {
    static final int[] LAYERS = {1, 15};
    static final int MAX_NGRAM = 3;
    static final int HEADS = 8;
    static final int TABLE_SIZE = 129_280 * 5;
    static final int COMPRESSED_VOCAB = 98_627;

    @Option(names = "--tokens", defaultValue = "1000000", description = "Sequence length hashed per round (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--threads", defaultValue = "1", description = "Threads, each hashing its own sequence (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "5", description = "Discarded warm-up rounds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "9", description = "Measured rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--numpy", description = "Also time NumPy's vectorized hashing (python3 bench/numpy_hash.py) and print the ratio.")
    boolean numpy;

    @Override
    public Integer call() throws Exception {
        if (tokens < 1 || threads < 1 || rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--tokens, --threads and --rounds must be positive and --warmup non-negative");
        }
        HashConfig config = new HashConfig(LAYERS, MAX_NGRAM, HEADS, new int[] {TABLE_SIZE, TABLE_SIZE}, 0,
                COMPRESSED_VOCAB, 2);
        NgramHasher hasher = new NgramHasher(config);
        int[][] sequences = new int[threads][];
        int[][] outputs = new int[threads][];
        for (int i = 0; i < threads; i++) {
            sequences[i] = new SplittableRandom(i).ints(tokens, 0, COMPRESSED_VOCAB).toArray();
            outputs[i] = new int[tokens * config.headsPerLayer()];
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double seconds = BenchTimer.medianSeconds(warmup, rounds, () -> hashAll(pool, hasher, sequences, outputs));
            double hashes = (double) tokens * threads * LAYERS.length * config.headsPerLayer();
            double perCore = hashes / seconds / threads;
            System.out.printf("java   hashing: %d threads, %,d tokens each, %.3f s per round, %.1f M hashes/s per core%n",
                    threads, tokens, seconds, perCore / 1e6);
            if (numpy) {
                double numpyPerCore = runNumpy();
                System.out.printf("numpy  hashing: 1 thread, %.1f M hashes/s%n", numpyPerCore / 1e6);
                System.out.printf("ratio java/numpy per core: %.2fx%n", perCore / numpyPerCore);
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static void hashAll(ExecutorService pool, NgramHasher hasher, int[][] sequences, int[][] outputs) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < sequences.length; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                for (int layer = 0; layer < LAYERS.length; layer++) {
                    hasher.hashSequence(sequences[index], layer, outputs[index]);
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("hashing thread failed", e);
            }
        }
    }

    /** Runs the NumPy reference script and returns its hashes/s, read from its last output line. */
    private double runNumpy() throws Exception {
        Path script = Path.of(System.getProperty("engram.home", "."), "bench", "numpy_hash.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("NumPy reference script not found at " + script.toAbsolutePath());
        }
        Process process = new ProcessBuilder("python3", script.toString(), "--tokens", Integer.toString(tokens),
                "--rounds", Integer.toString(rounds))
                .redirectErrorStream(true)
                .start();
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (last != null) {
                    System.out.println("  " + last);
                }
                last = line;
            }
        }
        if (process.waitFor() != 0 || last == null || !last.startsWith("hashes_per_second ")) {
            throw new IllegalStateException("python3 " + script + " failed (is numpy installed?); last output: " + last);
        }
        return Double.parseDouble(last.substring("hashes_per_second ".length()));
    }
}
