package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.tokenizer.training.BpeTrainer;
import dev.engram.tokenizer.training.PreTokenCounter;
import dev.engram.tokenizer.training.TokenizerJsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts from Spark on two local threads must equal the driver-only {@link PreTokenCounter}'s. */
class TrainTokenizerJobTest {
    private static SparkSession spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("TrainTokenizerJobTest")
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
    void sparkCountsEqualDriverCounts() throws IOException {
        List<String> documents = randomDocuments(new Random(11), 400);
        Path corpus = writeLines(documents, 4);
        PreTokenCounter driver = new PreTokenCounter();
        documents.forEach(driver::add);

        TrainTokenizerJob.Counts counts = count(corpus, InputFormat.LINES, 2);

        assertEquals(driver.counts(2), counts.preTokenCounts());
        assertEquals(400, counts.documents());
        assertEquals(driver.bytes(), counts.bytes());
        assertEquals(driver.counts().size(), counts.distinctPreTokens());
    }

    @Test
    void sparkTokenizerFileEqualsDriverFile() throws IOException {
        List<String> documents = randomDocuments(new Random(12), 300);
        Path corpus = writeLines(documents, 3);
        PreTokenCounter driver = new PreTokenCounter();
        documents.forEach(driver::add);
        Path fromDriver = temp.resolve("driver.json");
        Path fromSpark = temp.resolve("spark.json");

        TokenizerJsonWriter.write(new BpeTrainer(400).train(driver.counts(1)), fromDriver);
        TokenizerJsonWriter.write(new BpeTrainer(400).train(count(corpus, InputFormat.LINES, 1).preTokenCounts()), fromSpark);

        assertArrayEquals(Files.readAllBytes(fromDriver), Files.readAllBytes(fromSpark));
    }

    @Test
    void textFormatReadsWholeFiles() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("text"));
        Files.writeString(folder.resolve("a.txt"), "one two\ntwo three\n");
        Files.writeString(folder.resolve("b.txt"), "three three");

        TrainTokenizerJob.Counts counts = count(folder, InputFormat.TEXT, 1);

        assertEquals(2, counts.documents());
        assertEquals(Map.of("one", 1L, " two", 1L, "\n", 2L, "two", 1L, " three", 2L, "three", 1L), counts.preTokenCounts());
    }

    @Test
    void jsonlFormatReadsField() throws IOException {
        Path file = temp.resolve("docs.jsonl");
        Files.writeString(file, """
                {"id": 1, "body": "Hello world"}
                {"id": 2, "body": "Hello again"}
                """);

        TrainTokenizerJob.Counts counts = TrainTokenizerJob.countPreTokens(spark,
                new TrainTokenizerJob.Corpus(List.of(file.toString()), InputFormat.JSONL, "body"), 1);

        assertEquals(2, counts.documents());
        assertEquals(Map.of("Hello", 2L, " world", 1L, " again", 1L), counts.preTokenCounts());
    }

    @Test
    void jsonlRecordWithoutFieldFailsJob() throws IOException {
        Path file = temp.resolve("docs.jsonl");
        Files.writeString(file, "{\"id\": 1, \"body\": \"Hello\"}\n{\"id\": 3}\n");

        SparkException error = assertThrows(SparkException.class, () -> TrainTokenizerJob.countPreTokens(
                spark, new TrainTokenizerJob.Corpus(List.of(file.toString()), InputFormat.JSONL, "body"), 1));

        assertTrue(error.getMessage().contains("got no such field; set --field"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toUri().getPath()), error.getMessage());
    }

    @Test
    void jsonlMalformedLineFailsJob() throws IOException {
        Path file = temp.resolve("docs.jsonl");
        Files.writeString(file, "{\"text\": \"fine\"}\n{\"text\": broken\n");

        SparkException error = assertThrows(SparkException.class, () -> TrainTokenizerJob.countPreTokens(
                spark, new TrainTokenizerJob.Corpus(List.of(file.toString()), InputFormat.JSONL, "text"), 1));
        assertTrue(error.getMessage().contains("line at byte 17 is not valid JSON"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toUri().getPath()), error.getMessage());
    }

    private TrainTokenizerJob.Counts count(Path input, InputFormat format, long minFrequency) throws IOException {
        return TrainTokenizerJob.countPreTokens(spark,
                new TrainTokenizerJob.Corpus(List.of(input.toString()), format, "text"), minFrequency);
    }

    /** Writes the documents one per line into {@code files} files, so Spark reads several partitions. */
    private Path writeLines(List<String> documents, int files) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("lines"));
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder();
            for (int i = f; i < documents.size(); i += files) {
                text.append(documents.get(i)).append('\n');
            }
            Files.writeString(folder.resolve("part-" + f + ".txt"), text, StandardCharsets.UTF_8);
        }
        return folder;
    }

    /** Sentences over a small word list with digits, punctuation, CJK and emoji, so pre-tokens repeat. */
    private static List<String> randomDocuments(Random random, int count) {
        String[] words = {"the", "state", "union", "of", "Congress", "1790", "$12", "中文", "😀", "we're", "tax", "war"};
        String[] separators = {" ", " ", " ", ", ", ". ", "  ", "\t"};
        List<String> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            StringBuilder document = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int w = 0; w < length; w++) {
                if (w > 0) {
                    document.append(separators[random.nextInt(separators.length)]);
                }
                document.append(words[random.nextInt(words.length)]);
            }
            documents.add(document.toString());
        }
        return documents;
    }
}
