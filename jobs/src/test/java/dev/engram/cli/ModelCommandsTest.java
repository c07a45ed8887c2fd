package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The score and generate commands on a golden model, run in-process through picocli. */
class ModelCommandsTest {
    private static final Path MODEL = Path.of(System.getProperty("engram.golden.dir"), "models", "tiny-engram");

    private static String run(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out));
        int exit = line.execute(args);
        assertEquals(0, exit, "exit code; output: " + out);
        return out.toString();
    }

    @Test
    void scoreJsonHasNullFirstLogProb() throws Exception {
        String output = run(new ScoreCommand(), "--model", MODEL.toString(), "--ids", "5,7,9", "--json", "--threads", "1");
        JsonNode root = new ObjectMapper().readTree(output);
        assertEquals(3, root.path("ids").size());
        assertEquals(9, root.path("ids").get(2).intValue());
        assertTrue(root.path("logprobs").get(0).isNull());
        assertTrue(root.path("logprobs").get(1).doubleValue() < 0);
        assertTrue(root.path("logprobs").get(2).doubleValue() < 0);
    }

    @Test
    void scoreTablePrintsPerplexity() {
        String output = run(new ScoreCommand(), "--model", MODEL.toString(), "--ids", "5,7,9", "--threads", "1");
        assertTrue(output.contains("tokens 3, perplexity "), output);
    }

    @Test
    void generateStreamsRequestedTokenCount() {
        String output = run(new GenerateCommand(), "--model", MODEL.toString(), "--prompt-ids", "1,2,3",
                "--max-tokens", "5", "--seed", "3", "--threads", "1");
        assertEquals(5, output.trim().split(" ").length, output);
    }
}
