package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.cli.BuildTablesCommand;
import dev.engram.cli.CountNgramsCommand;
import dev.engram.cli.TokenizeCommand;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.vocab.CompressedVocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The small corpus of {@link PipelineTest} taken through tokenize and count-ngrams in a test's folder,
 * with the reference counts, for tests of the later stages.
 */
final class PipelineFixture {
    final Path dir;
    final Path tokenizer;
    final Map<List<Integer>, Long> reference;

    /** Output of one command run: exit code, standard output and error output. */
    record Result(int exitCode, String out, String err) {
    }

    private PipelineFixture(Path dir, Path tokenizer, Map<List<Integer>, Long> reference) {
        this.dir = dir;
        this.tokenizer = tokenizer;
        this.reference = reference;
    }

    static PipelineFixture prepare(Path dir) throws IOException {
        TestSpark.session();
        Path tokenizer = TestTokenizer.write(dir.resolve("tokenizer"));
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, PipelineTest.CORPUS);
        assertEquals(0, run(new TokenizeCommand(), "--input", corpus.toString(), "--format", "lines",
                "--tokenizer", tokenizer.toString(), "--out", dir.resolve("tokens").toString()).exitCode());
        assertEquals(0, run(new CountNgramsCommand(), "--tokens", dir.resolve("tokens").toString(), "--max-ngram", "3",
                "--top-k", "0", "--out", dir.resolve("ngrams").toString()).exitCode());
        try (HfTokenizer loaded = HfTokenizer.load(tokenizer)) {
            CompressedVocabulary vocabulary = CompressedVocabulary.build(loaded);
            List<int[]> documents = PipelineTest.CORPUS.stream().map(t -> vocabulary.compress(loaded.encode(t))).toList();
            return new PipelineFixture(dir, tokenizer, ReferenceNgrams.count(documents, 3, 1));
        }
    }

    static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs build-tables with the fixture's small config. A flag in {@code extra} that the config sets
     * replaces its value; other flags (such as {@code --overwrite}) are appended.
     */
    Result buildTables(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ngrams", dir.resolve("ngrams").toString(),
                "--tokenizer", tokenizer.toString(), "--layers", "1,15", "--max-ngram", "3", "--heads", "3",
                "--table-sizes", "7,11", "--head-dim", "4", "--seed", "0",
                "--pad-token-id", Integer.toString(TestTokenizer.PAD_ID), "--out", dir.resolve(out).toString()));
        for (int i = 0; i < extra.length; i++) {
            int existing = args.indexOf(extra[i]);
            if (existing >= 0) {
                args.set(existing + 1, extra[++i]);
            } else {
                args.add(extra[i]);
            }
        }
        return run(new BuildTablesCommand(), args.toArray(String[]::new));
    }
}
