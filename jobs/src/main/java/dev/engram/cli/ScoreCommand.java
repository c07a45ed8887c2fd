package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import dev.engram.model.Scorer;
import dev.engram.model.TokenScores;
import dev.engram.tokenizer.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram score}: per-token log-probabilities and perplexity of a text or an id sequence. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Scores a sequence with a model: prints log P(token | earlier tokens) for every token after "
                + "the first, then the perplexity exp(-mean log-prob). Natural logarithms.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model folder with config.json and model.safetensors.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", paramLabel = "FILE",
                description = "UTF-8 text file to tokenize with the model's tokenizer.json.")
        Path text;

        @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Token ids, comma-separated.")
        int[] ids;
    }

    @Option(names = "--json", description = "Print one JSON object {\"ids\": [...], \"logprobs\": [null, lp_1, ...]}.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the matrix kernels (default: available processors).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (EngramModel loaded = EngramModel.load(model, new VectorKernels(threadCount), true)) {
            int[] ids = input.ids;
            if (input.text != null) {
                try (HfTokenizer tokenizer = ModelTokenizer.open(loaded, "--text")) {
                    ids = tokenizer.encode(Files.readString(input.text));
                }
            }
            TokenScores scores = new Scorer(loaded).score(ids);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(render(scores)));
            } else {
                printTable(out, scores);
            }
            out.flush();
        }
        return 0;
    }

    static ObjectNode render(TokenScores scores) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ArrayNode idsNode = root.putArray("ids");
        for (int id : scores.ids()) {
            idsNode.add(id);
        }
        ArrayNode logProbs = root.putArray("logprobs");
        double[] values = scores.logProbs();
        logProbs.addNull();
        for (int t = 1; t < values.length; t++) {
            logProbs.add(values[t]);
        }
        return root;
    }

    private static void printTable(PrintWriter out, TokenScores scores) {
        int[] ids = scores.ids();
        double[] logProbs = scores.logProbs();
        out.println("position\tid\tlogprob");
        for (int t = 0; t < ids.length; t++) {
            out.println(t + "\t" + ids[t] + "\t" + (t == 0 ? "-" : String.format("%.6f", logProbs[t])));
        }
        out.printf("tokens %d, perplexity %.6f%n", ids.length, scores.perplexity());
    }
}
