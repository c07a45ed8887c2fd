package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.kernels.TimedKernels;
import dev.engram.kernels.Kernels;
import dev.engram.model.ModelConfig;
import dev.engram.train.StepTimer;
import dev.engram.train.TokenBatches;
import dev.engram.train.TrainableModel;
import dev.engram.train.Trainer;
import dev.engram.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench train}: training steps per second of a LLaMA-style model against PyTorch on the CPU
 * running {@code bench/train_torch.py} with the same shape, batch and thread count, plus where the Java time
 * goes by kernel.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Times training steps (forward, backward, AdamW, clipping) of a fresh model on random tokens "
                + "with the Vector API kernels, then the same model and batch in PyTorch. Prints medians, the "
                + "ratio, and seconds per kernel.")
final class TrainBenchCommand implements Callable<Integer> {

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "8", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "8", description = "Key/value heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--intermediate", defaultValue = "512", description = "MLP width (default: ${DEFAULT-VALUE}).")
    int intermediate;

    @Option(names = "--vocab", defaultValue = "4096", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--seq-len", defaultValue = "256", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "2", description = "Threads on both sides (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "3", description = "Discarded steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "5", description = "Measured steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--engram", description = "Add an Engram block at layer 1 (orders 2-3, 8 heads, 64-wide rows); "
            + "PyTorch then runs the baseline of the same shape.")
    boolean engram;

    @Option(names = "--torch-script", defaultValue = "bench/train_torch.py", paramLabel = "FILE",
            description = "PyTorch baseline script; skipped when it does not exist (default: ${DEFAULT-VALUE}).")
    Path torchScript;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Mixin
    KernelsOption kernelsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("engram-bench-train");
        Path config = writeConfig(folder);
        int totalSteps = warmup + steps;
        TrainingOptions options = new TrainingOptions(totalSteps, batch, sequenceLength, 1e-3, 1e-4, 1, 0.1, 0.9,
                0.95, 1e-8, 1.0, 5.0, 0, 0, 1, 0, 1);
        TokenBatches data = new TokenBatches(randomDocuments(totalSteps), 2, -1, sequenceLength, batch, 0);

        double[] seconds = new double[steps];
        long parameters = 0;
        try (TrainableModel model = TrainableModel.initialize(config, 0);
             TimedKernels kernels = new TimedKernels(kernelsOption.create(threads))) {
            for (var parameter : model.parameters()) {
                parameters += parameter.values().length;
            }
            Trainer trainer = new Trainer(model, kernels, options, data);
            for (int step = 0; step < totalSteps; step++) {
                if (step == warmup) {
                    kernels.reset();
                    trainer.timer().reset();
                }
                long start = System.nanoTime();
                trainer.trainStep(step);
                if (step >= warmup) {
                    seconds[step - warmup] = (System.nanoTime() - start) / 1e9;
                }
            }
            double median = median(seconds);
            int tokens = batch * sequenceLength;
            out.printf("model: d=%d, %d layers, %d/%d heads, MLP %d, vocab %d, %s: %.2f M dense parameters; "
                            + "batch %d x %d tokens%n", hidden, layers, heads, kvHeads, intermediate, vocab,
                    engram ? "Engram at layer 1" : "no Engram", parameters / 1e6, batch, sequenceLength);
            out.printf("java  (%d threads, %s): %.3f s per step, %.0f tokens/s%n", threads, kernels.name(), median,
                    tokens / median);
            printBreakdown(out, kernels.seconds(), trainer.timer(), steps);

            if (!Files.exists(torchScript)) {
                out.println("PyTorch baseline skipped: " + torchScript + " not found");
                out.flush();
                return 0;
            }
            JsonNode torch = runTorch();
            double torchSeconds = torch.path("median_step_s").doubleValue();
            out.printf("torch (%d threads, %s): %.3f s per step, %.0f tokens/s%n", threads,
                    torch.path("torch").asText(), torchSeconds, tokens / torchSeconds);
            out.printf("ratio (torch time / java time, %d threads each): %.2fx%n", threads, torchSeconds / median);
        }
        out.flush();
        return 0;
    }

    private void printBreakdown(PrintWriter out, Map<String, Double> kernelSeconds, StepTimer timer, int measured) {
        double matmul = kernelSeconds.getOrDefault("matmul", 0.0) + kernelSeconds.getOrDefault("matmulBackward", 0.0);
        double attention = kernelSeconds.getOrDefault("attention", 0.0)
                + kernelSeconds.getOrDefault("attentionBackward", 0.0) + kernelSeconds.getOrDefault("rope", 0.0)
                + kernelSeconds.getOrDefault("ropeBackward", 0.0);
        double crossEntropy = kernelSeconds.getOrDefault("crossEntropyBackward", 0.0);
        double allKernels = kernelSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("java seconds per step: matmul %.3f, attention %.3f, cross-entropy %.3f, other kernels %.3f, "
                        + "Engram block (its kernels included) %.3f, optimizer %.3f%n", matmul / measured,
                attention / measured, crossEntropy / measured, (allKernels - matmul - attention - crossEntropy) / measured,
                timer.seconds(StepTimer.Phase.ENGRAM) / measured, timer.seconds(StepTimer.Phase.OPTIMIZER) / measured);
    }

    private Path writeConfig(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("vocab_size", vocab);
        config.put("hidden_size", hidden);
        config.put("num_layers", layers);
        config.put("num_heads", heads);
        config.put("num_kv_heads", kvHeads);
        config.put("intermediate_size", intermediate);
        config.put("max_seq_len", sequenceLength);
        config.put("rope_theta", 10000.0);
        config.put("rms_norm_eps", 1e-5);
        config.put("hc_mult", 1);
        config.put("architecture", "engram-llama");
        if (engram) {
            ObjectNode section = config.putObject("engram");
            section.putArray("layer_ids").add(1);
            section.put("max_ngram_size", 3);
            section.put("n_embed_per_ngram", 256);
            section.put("n_head_per_ngram", 4);
            section.putArray("table_size_per_ngram").add(50_000).add(50_000);
            section.put("kernel_size", 4);
            section.put("seed", 0);
            section.put("pad_token_id", 0);
            section.put("compressed_vocab", "compressed_vocab.json");
            ObjectNode vocabulary = json.createObjectNode();
            vocabulary.put("compressedSize", vocab);
            ArrayNode lookup = vocabulary.putArray("lookup");
            for (int id = 0; id < vocab; id++) {
                lookup.add(id);
            }
            json.writeValue(folder.resolve("compressed_vocab.json").toFile(), vocabulary);
        } else {
            config.putNull("engram");
        }
        Path file = folder.resolve("config.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        ModelConfig.read(file);
        return file;
    }

    /** Returns enough uniform random documents for every step, plus held-out ones the bench never reads. */
    private List<int[]> randomDocuments(int totalSteps) {
        Random random = new Random(1);
        List<int[]> documents = new ArrayList<>();
        for (int d = 0; d < 2 * totalSteps * batch + 2; d++) {
            documents.add(random.ints(sequenceLength + 1, 0, vocab).toArray());
        }
        return documents;
    }

    private JsonNode runTorch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, torchScript.toString(),
                "--hidden", Integer.toString(hidden), "--layers", Integer.toString(layers),
                "--heads", Integer.toString(heads), "--kv-heads", Integer.toString(kvHeads),
                "--intermediate", Integer.toString(intermediate), "--vocab", Integer.toString(vocab),
                "--seq-len", Integer.toString(sequenceLength), "--batch", Integer.toString(batch),
                "--threads", Integer.toString(threads), "--warmup", Integer.toString(warmup),
                "--steps", Integer.toString(steps)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("PyTorch baseline " + torchScript + " failed with exit code "
                    + process.exitValue() + "; output: " + output);
        }
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
