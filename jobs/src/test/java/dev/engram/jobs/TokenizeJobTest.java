package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.TokenizeCommand;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.TokensManifest;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input formats, output partitioning and input errors of {@code tokenize}. */
class TokenizeJobTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path tokenizerFile;
    static HfTokenizer tokenizer;

    @BeforeAll
    static void setUp() throws IOException {
        spark = TestSpark.session();
        tokenizerFile = TestTokenizer.write(dir.resolve("tokenizer"));
        tokenizer = HfTokenizer.load(tokenizerFile);
    }

    /** Output of one command run: exit code, standard output and error output. */
    record Result(int exitCode, String out, String err) {
    }

    static Result tokenize(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new TokenizeCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--tokenizer")) {
            all.addAll(List.of("--tokenizer", tokenizerFile.toString()));
        }
        int code = command.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Returns the tokenized documents ordered by doc_id, as lists of tokenizer ids. */
    static List<List<Integer>> documents(Path tokens) {
        return spark.read().parquet(tokens.toString()).orderBy("doc_id").collectAsList().stream()
                .map(row -> List.copyOf(row.<Integer>getList(1))).toList();
    }

    static List<Integer> ids(String text) {
        return java.util.Arrays.stream(tokenizer.encode(text)).boxed().toList();
    }

    @Test
    void gzipLinesSkipBlankLines() throws IOException {
        Path input = dir.resolve("lines.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write("the cat sat\n\n   \na red ball\nthe dog\n".getBytes(StandardCharsets.UTF_8));
        }
        Result result = tokenize("--input", input.toString(), "--format", "lines", "--out", dir.resolve("lines").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(ids("the cat sat"), ids("a red ball"), ids("the dog")), documents(dir.resolve("lines")));
        assertTrue(result.out().contains("3 documents, 8 tokens"), result.out());
        assertTrue(Files.exists(dir.resolve("lines").resolve("_SUCCESS")));
    }

    @Test
    void jsonArraysJoinParagraphs() throws IOException {
        Path poems = Files.createDirectories(dir.resolve("poetry"));
        Files.writeString(poems.resolve("poet.song.0.json"), """
                [
                  {"author": "x", "paragraphs": ["the cat", "sat on a mat"]},
                  {"author": "y", "paragraphs": ["red hat"]}
                ]
                """);
        Files.writeString(poems.resolve("poet.song.1.json"), "[{\"paragraphs\": [\"big dog\"]}]");
        Result result = tokenize("--input", poems.toString(), "--format", "json", "--field", "paragraphs",
                "--out", dir.resolve("poems").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(ids("the cat\nsat on a mat"), ids("red hat"), ids("big dog")), documents(dir.resolve("poems")));
    }

    @Test
    void textFilesAndGlobs() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(folder.resolve("a.txt"), "the cat\nsat on the mat\n");
        Files.writeString(folder.resolve("b.txt"), "a dog ran");
        Files.writeString(folder.resolve("c.md"), "ignored by the glob");
        Result result = tokenize("--input", folder.resolve("*.txt").toString(), "--format", "text",
                "--out", dir.resolve("text-out").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(ids("the cat\nsat on the mat\n"), ids("a dog ran")), documents(dir.resolve("text-out")));
    }

    @Test
    void parquetColumn() {
        StructType schema = new StructType().add("body", DataTypes.StringType).add("n", DataTypes.IntegerType);
        List<Row> rows = List.of(RowFactory.create("the big dog", 1), RowFactory.create("a hat", 2));
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("in.parquet").toString());
        Result result = tokenize("--input", dir.resolve("in.parquet").toString(), "--format", "parquet", "--field", "body",
                "--out", dir.resolve("parquet-out").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(ids("the big dog"), ids("a hat")), documents(dir.resolve("parquet-out")));
    }

    @Test
    void partsAreSizedByTokens() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("the cat sat on the mat and the dog ran fast");
        }
        Path input = dir.resolve("many.txt");
        Files.write(input, lines);
        Path out = dir.resolve("many");
        Result result = tokenize("--input", input.toString(), "--format", "lines", "--tokens-per-part", "100",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());

        TokensManifest manifest = ManifestJson.read(Files.newInputStream(out.resolve(TokensManifest.FILE)),
                TokensManifest.class, "manifest");
        assertEquals(440, manifest.tokens());
        assertEquals(5, manifest.parts(), "ceil(440 / 100) parts of about 88 tokens");
        try (Stream<Path> files = Files.list(out)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
            assertEquals(5, parts.size());
            long previousLast = -1;
            for (Path part : parts) {
                List<Row> partRows = spark.read().parquet(part.toString()).collectAsList();
                long tokens = partRows.stream().mapToLong(row -> row.getList(1).size()).sum();
                assertTrue(tokens >= 77, part + " contains " + tokens + " tokens");
                assertTrue(tokens <= 99, part + " contains " + tokens + " tokens");
                assertTrue(partRows.getFirst().getLong(0) > previousLast, "documents stay in input order across parts");
                previousLast = partRows.getLast().getLong(0);
            }
        }
    }

    @Test
    void missingInputNamesPath() {
        Result result = tokenize("--input", dir.resolve("absent.txt").toString(), "--format", "lines",
                "--out", dir.resolve("never").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--input: input " + dir.resolve("absent.txt") + " not found"), result.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void corruptJsonNamesFileAndLine() throws IOException {
        Path input = dir.resolve("broken.jsonl");
        Files.writeString(input, "{\"text\": \"the cat\"}\n{\"text\": \"the dog\"\n");
        Result result = tokenize("--input", input.toString(), "--format", "jsonl", "--out", dir.resolve("broken").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("broken.jsonl: line at byte 20 is not valid JSON"), result.err());
        assertFalse(Files.exists(dir.resolve("broken")));
    }

    @Test
    void missingFieldIsReported() throws IOException {
        Path input = dir.resolve("nofield.jsonl");
        Files.writeString(input, "{\"body\": \"the cat\"}\n");
        Result result = tokenize("--input", input.toString(), "--format", "jsonl", "--out", dir.resolve("nofield").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("field 'text', got no such field"), result.err());
    }

    @Test
    void unreadableTokenizerIsReported() throws IOException {
        Path input = dir.resolve("ok.txt");
        Files.writeString(input, "the cat\n");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{not json");
        Result result = tokenize("--input", input.toString(), "--format", "lines", "--tokenizer", garbage.toString(),
                "--out", dir.resolve("garbage-out").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--tokenizer: cannot load tokenizer " + garbage), result.err());
    }

    @Test
    void emptyCorpusIsRejected() throws IOException {
        Path input = dir.resolve("blank.txt");
        Files.writeString(input, "\n\n   \n");
        Result result = tokenize("--input", input.toString(), "--format", "lines", "--out", dir.resolve("blank").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("the corpus is empty"), result.err());
        assertFalse(Files.exists(dir.resolve("blank")));
    }

    @Test
    void existingOutputNeedsOverwrite() throws IOException {
        Path input = dir.resolve("first.txt");
        Files.writeString(input, "the cat\n");
        Path out = dir.resolve("existing");
        Result first = tokenize("--input", input.toString(), "--format", "lines", "--out", out.toString());
        assertEquals(0, first.exitCode(), first.err());

        Files.writeString(input, "the dog ran\n");
        Result refused = tokenize("--input", input.toString(), "--format", "lines", "--out", out.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("exists already; pass --overwrite"), refused.err());
        assertEquals(List.of(ids("the cat")), documents(out), "the old output is untouched");

        Result replaced = tokenize("--input", input.toString(), "--format", "lines", "--out", out.toString(), "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(List.of(ids("the dog ran")), documents(out));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".existing.")),
                    "no temporary or old folder is left beside the output");
        }
    }
}
