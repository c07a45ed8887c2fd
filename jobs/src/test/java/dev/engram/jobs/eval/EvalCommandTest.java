package dev.engram.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.cli.CliTestAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram eval} on the golden tiny-engram model (vocab 96, no tokenizer) with id-level items: a
 * multiple-choice task file and held-out perplexity over documents written as token ids, on local[2].
 */
class EvalCommandTest {
    static final Path MODEL = Path.of(System.getProperty("engram.golden.dir", "../../shared/golden"))
            .resolve("models/tiny-engram");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHOICE_ITEMS = 24;
    private static final int DOCUMENTS = 6;
    private static SparkSession spark;

    @TempDir
    Path folder;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("EvalCommandTest")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void rerunSkipsCachedItems() throws Exception {
        Path task = writeChoiceTask(folder, CHOICE_ITEMS);
        Path corpus = writeIdCorpus(folder, DOCUMENTS);
        Path run = folder.resolve("results/run1");
        String[] args = {"--model", MODEL.toString(), "--suites", task + ",perplexity", "--out", run.toString(),
                "--corpus", corpus.toString(), "--codec", "ids", "--items-per-partition", "5",
                "--bootstrap-iters", "200"};

        JsonNode first = summary(CliTestAccess.execute("eval", args));
        JsonNode firstResults = JSON.readTree(run.resolve("results.json").toFile());
        JsonNode second = summary(CliTestAccess.execute("eval", args));
        JsonNode secondResults = JSON.readTree(run.resolve("results.json").toFile());

        assertEquals(CHOICE_ITEMS + DOCUMENTS, first.path("scored").intValue());
        assertEquals(0, first.path("cached").intValue());
        assertEquals(0, second.path("scored").intValue());
        assertEquals(CHOICE_ITEMS + DOCUMENTS, second.path("cached").intValue());
        assertEquals(firstResults.path("results"), secondResults.path("results"));
        assertEquals(firstResults.path("n-samples"), secondResults.path("n-samples"));
        assertFalse(Files.exists(folder.resolve("results/.run1.partial")), "staging folder is published");
    }

    @Test
    void resultsFollowHarnessLayout() throws Exception {
        Path task = writeChoiceTask(folder, CHOICE_ITEMS);
        Path corpus = writeIdCorpus(folder, DOCUMENTS);
        Path run = folder.resolve("results/layout");

        CliTestAccess.execute("eval", "--model", MODEL.toString(), "--suites", task + ",perplexity", "--out",
                run.toString(), "--corpus", corpus.toString(), "--codec", "ids", "--seed", "7");

        JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
        double acc = results.path("results").path("id_choice").path("acc,none").doubleValue();
        assertTrue(acc >= 0, "acc " + acc);
        assertTrue(acc <= 1, "acc " + acc);
        assertTrue(results.path("results").path("id_choice").path("acc_stderr,none").isNumber());
        assertTrue(results.path("results").path("perplexity").path("word_perplexity,none").doubleValue() > 1);
        assertEquals("N/A", results.path("results").path("perplexity").path("bits_per_byte_stderr,none").textValue());
        assertEquals(CHOICE_ITEMS, results.path("n-samples").path("id_choice").path("effective").intValue());
        assertEquals("1.5", results.path("versions").path("id_choice").textValue());
        assertEquals(7, results.path("configs").path("perplexity").path("generator").path("seed").intValue());
        assertEquals(64, results.path("config").path("model_sha256").textValue().length());
        assertTrue(results.has("date"));

        List<CachedSample> samples = SampleParquet.read(run.resolve("samples.parquet"));
        assertEquals(CHOICE_ITEMS + DOCUMENTS, samples.size());
        CachedSample document = samples.stream().filter(s -> s.sample().task().equals("perplexity")).findFirst()
                .orElseThrow();
        assertTrue(document.sample().tags().containsKey("characters"), "perplexity rows keep their length tag");
        assertTrue(document.sample().metrics().get("word_perplexity,none").value() < 0, "log-likelihood");
        try (Stream<Path> files = Files.list(run.resolve("cache"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")), "cache files");
        }
    }

    @Test
    void interruptedRunResumesFromPartialCache() throws Exception {
        Path task = writeChoiceTask(folder, CHOICE_ITEMS);
        Path small = folder.resolve("results/small");
        CliTestAccess.execute("eval", "--model", MODEL.toString(), "--suites", task.toString(), "--out",
                small.toString(), "--codec", "ids", "--limit", "10");
        // A killed run leaves its finished partitions in the hidden staging folder; stand one in by hand.
        Path staging = folder.resolve("results/.full.partial/cache");
        ScoreCache.carryOver(small.resolve("cache"), staging);

        JsonNode summary = summary(CliTestAccess.execute("eval", "--model", MODEL.toString(), "--suites",
                task.toString(), "--out", folder.resolve("results/full").toString(), "--codec", "ids"));

        assertEquals(10, summary.path("cached").intValue());
        assertEquals(CHOICE_ITEMS - 10, summary.path("scored").intValue());
    }

    @Test
    void reportComparesTwoRuns() throws Exception {
        Path task = writeChoiceTask(folder, CHOICE_ITEMS);
        Path corpus = writeIdCorpus(folder, DOCUMENTS);
        Path base = folder.resolve("results/base");
        Path other = folder.resolve("results/other");
        for (Path run : List.of(base, other)) {
            CliTestAccess.execute("eval", "--model", MODEL.toString(), "--suites", task + ",perplexity", "--out",
                    run.toString(), "--corpus", corpus.toString(), "--codec", "ids", "--limit", "12");
        }
        Path report = folder.resolve("report");

        CliTestAccess.execute("report", base.toString(), other.toString(), "--out", report.toString());

        String html = Files.readString(report.resolve("report.html"));
        String markdown = Files.readString(report.resolve("report.md"));
        assertTrue(html.contains("data-plot=\"scores\""), "score plot");
        assertTrue(html.contains("data-plot=\"deltas\""), "delta plot");
        assertTrue(html.contains("data-plot=\"perplexity-by-length\""), "perplexity plot from samples.parquet");
        assertTrue(html.contains("names no table folder"), "table statistics note");
        assertTrue(html.contains("data-plot=\"gate\""), "gate plot from gate.json");
        assertTrue(Files.exists(base.resolve("gate.json")), "gate.json in the run folder");
        assertTrue(markdown.contains("## Differences against `base`"), markdown);
        assertTrue(markdown.contains("| id_choice | acc,none | +0.0000 |"), markdown);
    }

    @Test
    void tokenizerMismatchIsRejected() throws Exception {
        Path model = folder.resolve("model");
        Files.createDirectories(model);
        for (String file : List.of("config.json", "model.safetensors", "compressed_vocab.json")) {
            Files.copy(MODEL.resolve(file), model.resolve(file));
        }
        Files.writeString(model.resolve("tokenizer.json"), "{\"model\": {}}");
        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config).put("tokenizer_sha256", "ab".repeat(32));
        Files.writeString(model.resolve("config.json"), config.toString());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelIdentity.inspect(model));

        assertTrue(error.getMessage().contains("was built with a tokenizer of sha256 " + "ab".repeat(32)),
                error.getMessage());
    }

    static JsonNode summary(String stdout) throws IOException {
        String[] lines = stdout.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** Writes a multiple-choice task over random id prompts with one to three id choices. */
    static Path writeChoiceTask(Path folder, int items) throws IOException {
        Random random = new Random(42);
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < items; i++) {
            String prompt = ids(random, 6 + random.nextInt(6));
            documents.append("{\"prompt\": \"").append(prompt).append("\", \"options\": [\"")
                    .append(ids(random, 1)).append("\", \"").append(ids(random, 2)).append("\", \"")
                    .append(ids(random, 3)).append("\", \"").append(ids(random, 1)).append("\"], \"gold\": ")
                    .append(random.nextInt(4)).append("}\n");
        }
        Files.writeString(folder.resolve("items.jsonl"), documents);
        Path task = folder.resolve("id_choice.yaml");
        Files.writeString(task, """
                task: id_choice
                version: "1.5"
                output_type: multiple_choice
                dataset: {format: jsonl, path: %s}
                doc_to_text: "{{prompt}}"
                doc_to_choice: "{{options}}"
                doc_to_target: "{{gold}}"
                metric_list: [{metric: acc}, {metric: acc_norm}]
                """.formatted(folder.resolve("items.jsonl")));
        return task;
    }

    /** Writes held-out documents as space-separated token ids, separated by blank lines. */
    static Path writeIdCorpus(Path folder, int documents) throws IOException {
        Random random = new Random(7);
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < documents; i++) {
            corpus.append(ids(random, 10 + 20 * i)).append("\n\n");
        }
        Path file = folder.resolve("heldout.txt");
        Files.writeString(file, corpus);
        return file;
    }

    private static String ids(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(1 + random.nextInt(95));
        }
        return text.toString();
    }
}
