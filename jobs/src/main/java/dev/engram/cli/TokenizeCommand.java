package dev.engram.cli;

import dev.engram.jobs.InputFormat;
import dev.engram.jobs.SparkSessions;
import dev.engram.jobs.TokenizeJob;
import dev.engram.schema.TokensManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram tokenize}: corpus files to token shards. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenize a corpus into Parquet token shards (doc_id, ids, compressed).")
public final class TokenizeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Input file, folder or glob; local path or Hadoop URI; .gz is decompressed. Repeatable.")
    private List<String> inputs;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "text (a file per document), lines (a line per document), jsonl (a JSON object per"
                    + " line), json (files holding an object or an array of objects), parquet.")
    private String format;

    @Option(names = "--field", defaultValue = "text", paramLabel = "NAME",
            description = "JSON field or Parquet column holding the text, for jsonl, json and parquet; an array"
                    + " of strings is joined with newlines. Default: ${DEFAULT-VALUE}.")
    private String field;

    @Option(names = "--tokenizer", required = true, paramLabel = "PATH", description = "Hugging Face tokenizer.json file.")
    private Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; must not exist unless --overwrite.")
    private String out;

    @Option(names = "--overwrite", description = "Replace an existing output folder once the new one is complete.")
    private boolean overwrite;

    @Option(names = "--tokens-per-part", defaultValue = "4000000", paramLabel = "N",
            description = "Target tokens per output Parquet part. Default: ${DEFAULT-VALUE}.")
    private long tokensPerPart;

    @Override
    public Integer call() {
        return CommandErrors.run("tokenize", spec.commandLine().getErr(), () -> {
            TokenizeJob.Options options = new TokenizeJob.Options(inputs, InputFormat.fromCliName(format), field,
                    tokenizer, out, overwrite, tokensPerPart);
            long start = System.nanoTime();
            try (SparkSessions.Handle session = SparkSessions.start("engram tokenize")) {
                TokensManifest manifest = TokenizeJob.run(session.spark(), options);
                double seconds = (System.nanoTime() - start) / 1e9;
                spec.commandLine().getOut().printf("tokenize: %d documents, %d tokens, %.1f MB of text in %.1f s"
                                + " (%.2f MB/s, %.0f tokens/s), %d parts in %s%n",
                        manifest.documents(), manifest.tokens(), manifest.textBytes() / 1e6, seconds,
                        manifest.textBytes() / 1e6 / seconds, manifest.tokens() / seconds, manifest.parts(), out);
                spec.commandLine().getOut().flush();
            }
            return 0;
        });
    }
}
