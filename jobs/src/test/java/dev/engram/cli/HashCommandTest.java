package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code engram hash} prints exactly the golden multipliers, primes and buckets. */
class HashCommandTest {

    private static JsonNode golden() throws Exception {
        Path golden = Path.of(System.getProperty("engram.golden.dir"), "ngram-hashing.json");
        return new ObjectMapper().readTree(golden.toFile()).get("cases").get(0);
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return String.join(",", values);
    }

    /** Runs the command with stdout captured, because the JSON goes to System.out. */
    static String runCapturingStdout(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exitCode = EngramCli.newCommandLine().execute(args);
            assertEquals(0, exitCode, "exit code of engram " + String.join(" ", args));
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashPrintsGoldenCase() throws Exception {
        JsonNode golden = golden();
        String output = runCapturingStdout("hash",
                "--compressed-vocab", golden.get("compressedVocabSize").asText(),
                "--pad", golden.get("compressedPadId").asText(),
                "--seed", golden.get("seed").asText(),
                "--layers", join(golden.get("layerIds")),
                "--max-ngram", golden.get("maxNgram").asText(),
                "--heads", golden.get("headsPerOrder").asText(),
                "--table-sizes", join(golden.get("tableSizePerOrder")),
                "--ids", join(golden.get("compressedIds").get(0)));

        JsonNode printed = new ObjectMapper().readTree(output);
        JsonNode expectedLayers = golden.get("layers");
        assertEquals(expectedLayers.size(), printed.get("layers").size());
        for (int layer = 0; layer < expectedLayers.size(); layer++) {
            JsonNode expected = expectedLayers.get(layer);
            JsonNode actual = printed.get("layers").get(layer);
            assertEquals(expected.get("layerId"), actual.get("layerId"));
            assertEquals(expected.get("multipliers"), actual.get("multipliers"));
            assertEquals(expected.get("primesPerOrder"), actual.get("primesPerOrder"));
            assertEquals(expected.get("hashIds").get(0), actual.get("hashIds"), "layer " + layer);
        }
    }

    @Test
    void invalidOrderReportsFlag() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = EngramCli.newCommandLine();
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("hash", "--compressed-vocab", "1000", "--pad", "0", "--layers", "1",
                "--max-ngram", "1", "--heads", "2", "--table-sizes", "100", "--ids", "1,2");

        assertEquals(CommandLine.ExitCode.USAGE, exitCode);
        assertTrue(err.toString().contains("max-ngram: the largest n-gram order must be at least 2, got 1"), err.toString());
    }
}
