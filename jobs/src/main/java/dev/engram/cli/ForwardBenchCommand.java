package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.kernels.Matrix;
import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import dev.engram.safetensors.DType;
import dev.engram.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench forward}: prefill speed of a random-weight LLaMA model against the numpy/OpenBLAS
 * baseline in {@code bench/forward_numpy.py}, plus one square matmul on one thread against numpy's sgemm.
 */
@Command(
        name = "forward",
        mixinStandardHelpOptions = true,
        description = "Times prefill of random token ids through a random-weight model (written to --work-dir) with "
                + "the Vector API kernels, and the same forward in numpy with OPENBLAS_NUM_THREADS = --threads; "
                + "then an n x n x n matmul on one thread on both sides. Prints medians and ratios.")
final class ForwardBenchCommand implements Callable<Integer> {

    @Option(names = "--tokens", defaultValue = "512", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--hidden", defaultValue = "512", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "8", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "8", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--intermediate", defaultValue = "1376", description = "MLP width (default: ${DEFAULT-VALUE}).")
    int intermediate;

    @Option(names = "--vocab", defaultValue = "32000", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--threads", defaultValue = "2", description = "Threads on both sides for the forward pass (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--matmul-size", defaultValue = "1024", paramLabel = "N",
            description = "Size of the single-thread square matmul (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Option(names = "--warmup", defaultValue = "3", description = "Discarded rounds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Folder for the random model (default: a new temporary folder).")
    Path workDir;

    @Option(names = "--numpy-script", defaultValue = "bench/forward_numpy.py", paramLabel = "FILE",
            description = "numpy baseline script; skipped when it does not exist (default: ${DEFAULT-VALUE}).")
    Path numpyScript;

    @Option(names = "--python", defaultValue = "python3", description = "Python interpreter with numpy (default: ${DEFAULT-VALUE}).")
    String python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = workDir != null ? workDir : Files.createTempDirectory("engram-bench-forward");
        long parameters = writeRandomModel(folder);
        int[] ids = new Random(1).ints(tokens, 0, vocab).toArray();
        out.printf("model: d=%d, %d layers, %d heads, MLP %d, vocab %d: %.1f M parameters; prefill of %d tokens%n",
                hidden, layers, heads, intermediate, vocab, parameters / 1e6, tokens);

        double javaForward;
        float[] lastLogits;
        try (EngramModel model = EngramModel.load(folder, new VectorKernels(threads), false)) {
            javaForward = BenchTimer.medianSeconds(warmup, rounds, () -> model.forward(model.newState(tokens), ids));
            float[] logits = model.forwardLast(model.newState(tokens), ids);
            lastLogits = Arrays.copyOf(logits, 4);
        }
        double javaMatmul = javaMatmulSeconds();
        double matmulFlops = 2.0 * matmulSize * matmulSize * matmulSize;
        out.printf("java  forward (%d threads): %.3f s, %.0f tokens/s; last logits %s%n", threads, javaForward,
                tokens / javaForward, Arrays.toString(lastLogits));
        out.printf("java  matmul %d^3 (1 thread): %.4f s, %.1f GFLOP/s%n", matmulSize, javaMatmul,
                matmulFlops / javaMatmul / 1e9);

        if (!Files.exists(numpyScript)) {
            out.println("numpy baseline skipped: " + numpyScript + " not found");
            return 0;
        }
        String idList = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
        JsonNode numpyThreaded = runNumpy(folder, idList, threads);
        JsonNode numpySingle = runNumpy(folder, idList, 1);
        double numpyForward = numpyThreaded.path("forward_s").doubleValue();
        double numpyMatmul = numpySingle.path("matmul_s").doubleValue();
        out.printf("numpy forward (OPENBLAS_NUM_THREADS=%d): %.3f s; last logits %s%n", threads, numpyForward,
                numpyThreaded.path("last_logits"));
        out.printf("numpy matmul %d^3 (OPENBLAS_NUM_THREADS=1): %.4f s, %.1f GFLOP/s%n", matmulSize, numpyMatmul,
                matmulFlops / numpyMatmul / 1e9);
        out.printf("ratio forward (numpy time / java time, %d threads each): %.2fx%n", threads, numpyForward / javaForward);
        out.printf("ratio matmul  (numpy time / java time, 1 thread each): %.2fx%n", numpyMatmul / javaMatmul);
        out.flush();
        return 0;
    }

    private long writeRandomModel(Path folder) throws IOException {
        Random random = new Random(7);
        SafetensorsWriter writer = new SafetensorsWriter();
        long[] count = {0};
        addMatrix(writer, random, count, "model.embed_tokens.weight", vocab, hidden);
        for (int layer = 0; layer < layers; layer++) {
            String prefix = "model.layers." + layer + ".";
            addOnes(writer, prefix + "input_layernorm.weight", hidden);
            addMatrix(writer, random, count, prefix + "self_attn.q_proj.weight", hidden, hidden);
            addMatrix(writer, random, count, prefix + "self_attn.k_proj.weight", hidden, hidden);
            addMatrix(writer, random, count, prefix + "self_attn.v_proj.weight", hidden, hidden);
            addMatrix(writer, random, count, prefix + "self_attn.o_proj.weight", hidden, hidden);
            addOnes(writer, prefix + "post_attention_layernorm.weight", hidden);
            addMatrix(writer, random, count, prefix + "mlp.gate_proj.weight", intermediate, hidden);
            addMatrix(writer, random, count, prefix + "mlp.up_proj.weight", intermediate, hidden);
            addMatrix(writer, random, count, prefix + "mlp.down_proj.weight", hidden, intermediate);
        }
        addOnes(writer, "model.norm.weight", hidden);
        addMatrix(writer, random, count, "lm_head.weight", vocab, hidden);
        writer.write(folder.resolve("model.safetensors"));

        String config = "{\"vocab_size\": " + vocab + ", \"hidden_size\": " + hidden + ", \"num_layers\": " + layers
                + ", \"num_heads\": " + heads + ", \"num_kv_heads\": " + heads + ", \"intermediate_size\": "
                + intermediate + ", \"max_seq_len\": " + tokens + ", \"rope_theta\": 10000.0, \"rms_norm_eps\": 1e-05,"
                + " \"hc_mult\": 1, \"engram\": null, \"architecture\": \"engram-llama\"}";
        Files.writeString(folder.resolve("config.json"), config, StandardCharsets.UTF_8);
        return count[0];
    }

    private static void addMatrix(SafetensorsWriter writer, Random random, long[] count, String name, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        count[0] += values.length;
        writer.add(name, DType.F32, new long[] {rows, cols}, values);
    }

    private static void addOnes(SafetensorsWriter writer, String name, int length) {
        float[] ones = new float[length];
        Arrays.fill(ones, 1f);
        writer.add(name, DType.F32, new long[] {length}, ones);
    }

    private double javaMatmulSeconds() {
        Random random = new Random(3);
        int n = matmulSize;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        Matrix weights = new Matrix(b, n, n);
        float[] c = new float[n * n];
        try (VectorKernels single = new VectorKernels(1)) {
            return BenchTimer.medianSeconds(warmup, rounds, () -> single.matmul(a, n, weights, c));
        }
    }

    private JsonNode runNumpy(Path folder, String ids, int blasThreads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, numpyScript.toString(), folder.toString(), "--ids", ids,
                "--warmup", Integer.toString(warmup), "--rounds", Integer.toString(rounds),
                "--matmul-size", Integer.toString(matmulSize)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(blasThreads));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("numpy baseline " + numpyScript + " failed with exit code "
                    + process.exitValue() + "; output: " + output);
        }
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
