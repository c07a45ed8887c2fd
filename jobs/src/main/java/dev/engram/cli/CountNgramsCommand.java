package dev.engram.cli;

import dev.engram.jobs.CountNgramsJob;
import dev.engram.jobs.SparkSessions;
import dev.engram.schema.NgramsManifest;
import dev.engram.schema.OrderCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram count-ngrams}: token shards to exact n-gram counts. */
@Command(name = "count-ngrams", mixinStandardHelpOptions = true,
        description = "Count compressed-id n-grams of orders 2..N within documents; positions before a"
                + " document start count as the pad.")
public final class CountNgramsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--tokens", required = true, paramLabel = "DIR", description = "Output folder of tokenize.")
    private String tokens;

    @Option(names = "--max-ngram", required = true, paramLabel = "N", description = "Largest n-gram order counted.")
    private int maxNgram;

    @Option(names = "--min-count", defaultValue = "1", paramLabel = "C",
            description = "Drop n-grams seen fewer than C times. Default: ${DEFAULT-VALUE}.")
    private long minCount;

    @Option(names = "--top-k", defaultValue = "20", paramLabel = "K",
            description = "Most frequent n-grams per order written with their text to _top-ngrams.json; 0 for"
                    + " none. Default: ${DEFAULT-VALUE}.")
    private int topK;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "tokenizer.json for the top n-gram text. Default: the path recorded by tokenize.")
    private Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; must not exist unless --overwrite.")
    private String out;

    @Option(names = "--overwrite", description = "Replace an existing output folder once the new one is complete.")
    private boolean overwrite;

    @Override
    public Integer call() {
        return CommandErrors.run("count-ngrams", spec.commandLine().getErr(), () -> {
            CountNgramsJob.Options options = new CountNgramsJob.Options(tokens, maxNgram, minCount, out, overwrite,
                    topK, tokenizer);
            long start = System.nanoTime();
            try (SparkSessions.Handle session = SparkSessions.start("engram count-ngrams")) {
                NgramsManifest manifest = CountNgramsJob.run(session.spark(), options);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf("count-ngrams: %.1f s, written to %s%n", (System.nanoTime() - start) / 1e9, out);
                for (OrderCounts order : manifest.orders()) {
                    stdout.printf("  order %d: %d positions, %d distinct n-grams kept, %d occurrences kept%n",
                            order.order(), order.positions(), order.distinct(), order.occurrences());
                }
                stdout.flush();
            }
            return 0;
        });
    }
}
