package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code engram train} on the tiny golden Engram architecture and random token shards, in-process. */
class TrainCommandTest {
    private static final Path GOLDEN = Path.of(System.getProperty("engram.golden.dir"), "models", "tiny-engram");
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message spark_schema { optional binary doc_id (STRING); "
                    + "optional group ids (LIST) { repeated group list { optional int32 element; } } }");

    private static Path shards(Path folder) throws Exception {
        Files.createDirectories(folder);
        Random random = new Random(5);
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                new LocalOutputFile(folder.resolve("part-00000.parquet"))).withType(SCHEMA).build()) {
            for (int d = 0; d < 10; d++) {
                Group row = factory.newGroup().append("doc_id", "doc-" + d);
                Group ids = row.addGroup("ids");
                for (int t = 0; t < 100; t++) {
                    ids.addGroup("list").append("element", 1 + random.nextInt(95));
                }
                writer.write(row);
            }
        }
        return folder;
    }

    private static Path config(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.copy(GOLDEN.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(GOLDEN.resolve("compressed_vocab.json"), folder.resolve("compressed_vocab.json"));
        return folder.resolve("config.json");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new TrainCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(out));
        assertEquals(0, line.execute(args), "exit code; output: " + out);
        return out.toString();
    }

    @Test
    void trainStopAndResume(@TempDir Path folder) throws Exception {
        Path tokens = shards(folder.resolve("tokens"));
        Path config = config(folder.resolve("config"));
        Path out = folder.resolve("models").resolve("tiny");
        String[] common = {"--tokens", tokens.toString(), "--model-config", config.toString(), "--out", out.toString(),
                "--steps", "4", "--batch-size", "2", "--seq-len", "16", "--warmup", "1", "--val-stride", "5",
                "--val-batches", "1", "--threads", "1"};

        String first = run(concat(common, "--stop-after", "2"));
        String second = run(concat(common, "--resume"));

        assertTrue(first.contains("trained 2 steps"), first);
        assertTrue(second.contains("trained 4 steps, 128 tokens"), second);
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        assertTrue(Files.exists(out.resolve("compressed_vocab.json")));
        List<String> log = Files.readAllLines(out.resolve("train-log.jsonl"));
        assertEquals(4, log.size());
        assertEquals(4, new ObjectMapper().readTree(log.get(3)).path("step").intValue());
        assertEquals(1, new ObjectMapper().readTree(log.get(3)).path("gate_mean").size());
    }

    @Test
    void isoComputeBaselineHasNoEngram(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("baseline");
        String output = run("--tokens", shards(folder.resolve("tokens")).toString(), "--model-config",
                config(folder.resolve("config")).toString(), "--out", out.toString(), "--iso-compute-baseline",
                "--steps", "1", "--batch-size", "2", "--seq-len", "16", "--val-stride", "5", "--val-batches", "1",
                "--threads", "1");

        assertTrue(output.contains("iso-compute baseline: intermediate_size 48 -> 56"), output);
        var saved = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertTrue(saved.path("engram").isNull(), saved.toString());
        assertEquals(56, saved.path("intermediate_size").intValue());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
