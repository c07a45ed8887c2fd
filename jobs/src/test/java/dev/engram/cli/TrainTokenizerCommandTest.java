package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.tokenizer.HfTokenizer;
import dev.engram.tokenizer.training.BpeReferenceEncoder;
import dev.engram.tokenizer.training.BpeTrainer;
import dev.engram.tokenizer.training.PreTokenCounter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code engram train-tokenizer} end to end on a small corpus, sharing one local[2] Spark session. */
class TrainTokenizerCommandTest {
    private static SparkSession spark;

    @TempDir
    Path temp;

    /** What one run of the command returned, printed and threw. */
    private record Run(int exitCode, String stdout, String stderr, Exception error) {
    }

    @BeforeAll
    static void startSpark() {
        // The command reuses a running session instead of starting its own local[*] one.
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("TrainTokenizerCommandTest")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void commandWritesLoadableTokenizer() throws Exception {
        List<String> lines = corpusLines();
        Path corpus = Files.write(temp.resolve("corpus.txt"), lines);
        Path out = temp.resolve("model").resolve("tokenizer.json");

        Run run = run("--input", corpus.toString(), "--vocab-size", "300", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode summary = new ObjectMapper().readTree(run.stdout());
        assertEquals(300, summary.get("vocabSize").intValue());
        assertEquals(lines.size(), summary.get("documents").intValue());
        assertTrue(summary.get("compressedSize").intValue() < 300, run.stdout());

        PreTokenCounter driver = new PreTokenCounter();
        lines.forEach(driver::add);
        BpeReferenceEncoder reference = new BpeReferenceEncoder(new BpeTrainer(300).train(driver.counts(2)));
        String heldOut = "The union of states, in 1790 and 2024: we're taxing 中文 😀!";
        try (HfTokenizer tokenizer = HfTokenizer.load(out)) {
            assertArrayEquals(reference.encode(heldOut), tokenizer.encode(heldOut));
        }
    }

    @Test
    void existingOutputNeedsOverwrite() throws Exception {
        Path corpus = Files.write(temp.resolve("corpus.txt"), corpusLines());
        Path out = Files.writeString(temp.resolve("tokenizer.json"), "{}");

        Run refused = run("--input", corpus.toString(), "--vocab-size", "300", "--out", out.toString());
        Run replaced = run("--input", corpus.toString(), "--vocab-size", "300", "--out", out.toString(), "--overwrite");

        assertEquals(out.toAbsolutePath() + ": output file already exists; pass --overwrite to replace it",
                refused.error().getMessage());
        assertEquals(0, replaced.exitCode(), replaced.stderr());
        assertTrue(Files.size(out) > 1000, "tokenizer.json size " + Files.size(out));
    }

    @Test
    void emptyCorpusIsRejected() throws Exception {
        Path corpus = Files.writeString(temp.resolve("empty.txt"), "\n\n");

        Run run = run("--input", corpus.toString(), "--out", temp.resolve("tokenizer.json").toString());

        assertEquals("the corpus is empty: no document with text in [" + corpus + "] (--format lines). "
                + "Check --input and --format", run.error().getMessage());
    }

    @Test
    void missingJsonFieldIsRejected() throws Exception {
        Path corpus = Files.writeString(temp.resolve("docs.jsonl"), "{\"body\": \"text text\"}\n");

        Run run = run("--input", corpus.toString(), "--format", "jsonl", "--out", temp.resolve("tokenizer.json").toString());

        assertTrue(run.error().getMessage().contains("expected a string or an array of strings in field 'text', "
                + "got no such field; set --field"), run.error().getMessage());
    }

    @Test
    void rarePreTokensOnlyAreRejected() throws Exception {
        Path corpus = Files.writeString(temp.resolve("once.txt"), "every word here occurs once\n");

        Run run = run("--input", corpus.toString(), "--out", temp.resolve("tokenizer.json").toString());

        assertEquals("no pre-token occurs at least 2 times in [" + corpus + "] (5 distinct pre-tokens); "
                + "lower --min-frequency or add text", run.error().getMessage());
    }

    @Test
    void missingInputNamesPath() throws Exception {
        Path missing = temp.resolve("missing.txt");

        Run run = run("--input", missing.toString(), "--out", temp.resolve("tokenizer.json").toString());

        assertTrue(run.error().getMessage().contains("not found"), run.error().getMessage());
        assertTrue(run.error().getMessage().contains(missing.toString()), run.error().getMessage());
    }

    @Test
    void tooSmallVocabIsRejected() throws Exception {
        Run run = run("--input", "unused.txt", "--vocab-size", "257", "--out", temp.resolve("tokenizer.json").toString());

        assertEquals("--vocab-size must be at least 258 (2 special tokens + 256 byte tokens), got 257",
                run.error().getMessage());
    }

    @Test
    void unknownFormatIsRejected() throws Exception {
        Run run = run("--input", "unused.txt", "--format", "csv", "--out", temp.resolve("tokenizer.json").toString());

        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("format: expected one of [text, lines, jsonl, json, parquet], got 'csv'"), run.stderr());
    }

    private static Run run(String... args) {
        List<Exception> errors = new ArrayList<>();
        StringWriter stderr = new StringWriter();
        CommandLine commandLine = new CommandLine(new TrainTokenizerCommand());
        commandLine.setErr(new PrintWriter(stderr, true));
        commandLine.setExecutionExceptionHandler((exception, cli, parseResult) -> {
            errors.add(exception);
            return CommandLine.ExitCode.SOFTWARE;
        });

        PrintStream original = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = commandLine.execute(args);
        } finally {
            System.setOut(original);
        }
        return new Run(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(),
                errors.isEmpty() ? null : errors.getFirst());
    }

    private static List<String> corpusLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("The state of the union is strong, said the president in " + (1790 + i % 7) + ".");
            lines.add("We're taxing the states " + i % 3 + " times: 中文 and 😀 twice 😀.");
        }
        return lines;
    }
}
