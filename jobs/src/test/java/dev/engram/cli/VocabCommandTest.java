package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram vocab} on the DeepSeek-V3 tokenizer: 128,815 ids compress to 98,627, as the golden lookup states. */
class VocabCommandTest {

    @TempDir
    Path temp;

    private static Path deepseekTokenizer() {
        Path tokenizer = Path.of(System.getProperty("engram.assets.dir"), "deepseek-v3-tokenizer", "tokenizer.json");
        assertTrue(Files.isRegularFile(tokenizer), "DeepSeek-V3 tokenizer not found at " + tokenizer
                + "; run ./engram assets first");
        return tokenizer;
    }

    @Test
    void vocabPrintsSizes() throws Exception {
        String output = HashCommandTest.runCapturingStdout("vocab", "--tokenizer", deepseekTokenizer().toString());
        assertEquals("{\"tokenizerIds\":128815,\"compressedSize\":98627}", output.strip());
    }

    @Test
    void vocabOutWritesGoldenLookup() throws Exception {
        Path out = temp.resolve("vocab.json");
        HashCommandTest.runCapturingStdout("vocab", "--tokenizer", deepseekTokenizer().toString(), "--out", out.toString());

        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(out.toFile());
        JsonNode golden = json.readTree(Path.of(System.getProperty("engram.golden.dir"),
                "compressed-vocab-deepseek-v3.json").toFile());
        assertEquals(128_815, written.get("tokenizerIds").intValue());
        assertEquals(98_627, written.get("compressedSize").intValue());
        assertEquals(golden.get("lookup"), written.get("lookup"));
    }
}
