package dev.engram.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.testing.Assets;
import dev.engram.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
    private static final String DEEPSEEK_SHA256 = "621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41";

    private static HfTokenizer deepseek;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws IOException {
        deepseek = HfTokenizer.load(Assets.deepseekTokenizer());
    }

    @AfterAll
    static void close() {
        deepseek.close();
    }

    @Test
    void vocabSizeCountsAddedTokens() {
        assertEquals(128_815, deepseek.vocabSize());
    }

    @Test
    void tokenStringIsRawVocabEntry() {
        assertEquals("Ġthe", deepseek.tokenString(270));
        assertEquals("the", deepseek.tokenString(1805));
        assertEquals("<｜begin▁of▁sentence｜>", deepseek.tokenString(0));
        assertEquals("<｜tool▁sep｜>", deepseek.tokenString(128_814));
    }

    @Test
    void decodeSingleKeepsSpecialTokens() {
        assertEquals("<｜begin▁of▁sentence｜>", deepseek.decodeSingle(0));
        assertEquals(" the", deepseek.decodeSingle(270));
    }

    @Test
    void decodeSingleOfPartialUtf8GivesReplacementCharacter() {
        // Token "ðŁ" is the byte-level spelling of F0 9F, the first two bytes of most emoji.
        assertEquals("ðŁ", deepseek.tokenString(3574));
        assertEquals("\uFFFD", deepseek.decodeSingle(3574));
    }

    @Test
    void sha256OfFileBytes() {
        assertEquals(DEEPSEEK_SHA256, deepseek.sha256());
        assertEquals(Assets.deepseekTokenizer().toAbsolutePath().normalize(), deepseek.path());
    }

    @Test
    void loadingSwitchesDjlOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void postProcessorAddsSpecialTokens() throws IOException {
        try (HfTokenizer tiny = HfTokenizer.load(TinyTokenizers.wordLevelWithBos(temp))) {
            assertArrayEquals(new int[] {0, 2, 3}, tiny.encode("hello world"));
            assertEquals("<s> hello world", tiny.decode(new int[] {0, 2, 3}));
            assertEquals(6, tiny.vocabSize());
        }
    }

    @Test
    void fileTruncationIsIgnored() throws IOException {
        String text = "hello world ".repeat(600);
        try (HfTokenizer tiny = HfTokenizer.load(TinyTokenizers.wordLevelWithBos(temp))) {
            int[] ids = tiny.encode(text);

            assertEquals(1_201, ids.length);
            assertEquals(3, ids[1_200]);
        }
    }

    @Test
    void missingFileFailsNamingIt() {
        Path missing = temp.resolve("absent").resolve("tokenizer.json");

        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> HfTokenizer.load(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void folderIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(temp));
        assertTrue(error.getMessage().contains(temp.toString()), error.getMessage());
    }

    @Test
    void invalidJsonFailsNamingFile() throws IOException {
        Path file = Files.writeString(temp.resolve("tokenizer.json"), "{\"model\": {\"vocab\": ");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("invalid JSON"), error.getMessage());
    }

    @Test
    void jsonWithoutVocabFailsNamingField() throws IOException {
        Path file = Files.writeString(temp.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\"}}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("model.vocab"), error.getMessage());
    }

    @Test
    void tokenizerRejectedByRustFailsNamingFile() throws IOException {
        Path file = Files.writeString(temp.resolve("tokenizer.json"),
                "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"a\": 0}}}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void outOfRangeIdsAreRejected() {
        IllegalArgumentException decode = assertThrows(IllegalArgumentException.class,
                () -> deepseek.decode(new int[] {5, 128_815}));
        assertTrue(decode.getMessage().contains("ids[1] = 128815"), decode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> deepseek.decodeSingle(-1));
        assertThrows(IllegalArgumentException.class, () -> deepseek.tokenString(128_815));
    }

    @Test
    void unpairedSurrogateIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> deepseek.encode("ok \uD83D then"));
        assertTrue(error.getMessage().contains("U+D83D at index 3"), error.getMessage());
        assertArrayEquals(deepseek.encode("🚀"), deepseek.encode("\uD83D\uDE80"));
    }

    @Test
    void closedTokenizerRejectsCalls() throws IOException {
        HfTokenizer tiny = HfTokenizer.load(TinyTokenizers.wordLevelWithBos(temp));
        tiny.close();
        tiny.close();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> tiny.encode("hello"));
        assertTrue(error.getMessage().contains("closed"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> tiny.decodeSingle(2));
    }
}
