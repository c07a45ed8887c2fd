package dev.engram.cli;

import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import dev.engram.model.Generator;
import dev.engram.model.Sampler;
import dev.engram.tokenizer.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram generate}: continues a prompt, printing each token as it is decoded. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Continues a prompt with a model and streams the new tokens: as text for --prompt, "
                + "as space-separated ids for --prompt-ids.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model folder with config.json and model.safetensors.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompt prompt;

    static final class Prompt {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt text (needs tokenizer.json in the model folder).")
        String text;

        @Option(names = "--prompt-ids", split = ",", paramLabel = "ID", description = "Prompt token ids, comma-separated.")
        int[] ids;
    }

    @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N",
            description = "Most new tokens to generate; max_seq_len also bounds it (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T",
            description = "Softmax temperature; 0 picks the most likely token every time (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", paramLabel = "P",
            description = "Sample only from the most likely tokens whose probabilities sum to P (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the matrix kernels (default: available processors).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("--max-tokens must be at least 1, got " + maxTokens);
        }
        Sampler sampler = new Sampler(temperature, topP, seed);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        try (EngramModel loaded = EngramModel.load(model, new VectorKernels(threadCount), true)) {
            Generator generator = new Generator(loaded);
            if (prompt.ids != null) {
                generator.generate(prompt.ids, maxTokens, sampler, id -> {
                    out.print(id + " ");
                    out.flush();
                    return true;
                });
                out.println();
            } else {
                try (HfTokenizer tokenizer = ModelTokenizer.open(loaded, "--prompt")) {
                    streamText(generator, tokenizer, sampler, out);
                }
            }
            out.flush();
        }
        return 0;
    }

    /**
     * Prints text as it grows. Decoding the whole continuation each step and printing only the new suffix
     * keeps characters that span several tokens (multi-byte UTF-8) intact.
     */
    private void streamText(Generator generator, HfTokenizer tokenizer, Sampler sampler, PrintWriter out) {
        List<Integer> generated = new ArrayList<>();
        int[] printed = {0};
        generator.generate(tokenizer.encode(prompt.text), maxTokens, sampler, id -> {
            generated.add(id);
            String text = tokenizer.decode(generated.stream().mapToInt(Integer::intValue).toArray());
            if (text.length() > printed[0] && !text.endsWith("\uFFFD")) {
                out.print(text.substring(printed[0]));
                out.flush();
                printed[0] = text.length();
            }
            return true;
        });
        out.println();
    }
}
