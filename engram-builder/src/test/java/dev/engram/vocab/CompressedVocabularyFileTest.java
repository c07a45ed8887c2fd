package dev.engram.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.testing.TinyTokenizers;
import dev.engram.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building, saving and loading with a six-token WordLevel tokenizer: hello, Hello and HELLO share an id. */
class CompressedVocabularyFileTest {
    private static final String OTHER_SHA256 = "0".repeat(64);

    @TempDir
    Path temp;

    private HfTokenizer tokenizer;
    private Path file;

    @BeforeEach
    void load() throws IOException {
        tokenizer = HfTokenizer.load(TinyTokenizers.wordLevelWithBos(temp));
        file = temp.resolve("cache").resolve("compressed-vocab.json");
    }

    @AfterEach
    void close() {
        tokenizer.close();
    }

    @Test
    void caseVariantsShareId() {
        CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);

        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 2}, vocabulary.lookup());
        assertEquals(4, vocabulary.size());
        assertEquals(6, vocabulary.tokenizerIds());
        assertArrayEquals(new int[] {0, 2, 2, 3}, vocabulary.compress(new int[] {0, 5, 4, 3}));
    }

    @Test
    void compressRejectsOutOfRangeId() {
        CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> vocabulary.compress(6));
        assertTrue(error.getMessage().contains("token id 6 is outside [0, 6)"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vocabulary.compress(new int[] {1, -1}));
    }

    @Test
    void saveLoadRoundTrip() throws IOException {
        CompressedVocabulary built = CompressedVocabulary.build(tokenizer);
        built.save(file);

        CompressedVocabulary loaded = CompressedVocabulary.load(file, tokenizer.sha256());
        assertArrayEquals(built.lookup(), loaded.lookup());
        assertEquals(built.size(), loaded.size());
        assertEquals(tokenizer.sha256(), loaded.tokenizerSha256());
    }

    @Test
    void savedFileHasDocumentedFields() throws IOException {
        CompressedVocabulary.build(tokenizer).save(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> fields = json.properties().stream().map(Map.Entry::getKey).toList();
        assertEquals(List.of("tokenizerSha256", "tokenizerIds", "compressedSize", "lookup"), fields);
        assertEquals(tokenizer.sha256(), json.get("tokenizerSha256").textValue());
        assertEquals(6, json.get("tokenizerIds").intValue());
        assertEquals(4, json.get("compressedSize").intValue());
        assertEquals(6, json.get("lookup").size());
    }

    @Test
    void saveLeavesNoTemporaryFile() throws IOException {
        CompressedVocabulary vocabulary = CompressedVocabulary.build(tokenizer);
        vocabulary.save(file);
        vocabulary.save(file);

        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void loadRejectsOtherTokenizer() throws IOException {
        CompressedVocabulary.build(tokenizer).save(file);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompressedVocabulary.load(file, OTHER_SHA256));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(tokenizer.sha256()), error.getMessage());
        assertTrue(error.getMessage().contains(OTHER_SHA256), error.getMessage());
    }

    @Test
    void truncatedFileFailsNamingIt() throws IOException {
        CompressedVocabulary.build(tokenizer).save(file);
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.length() / 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompressedVocabulary.load(file, tokenizer.sha256()));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("invalid JSON"), error.getMessage());
    }

    @Test
    void malformedFieldsAreNamed() throws IOException {
        String sha = tokenizer.sha256();
        assertMalformed("{\"tokenizerSha256\": \"" + sha + "\", \"tokenizerIds\": 3, \"compressedSize\": 2}",
                "field lookup");
        assertMalformed("{\"tokenizerSha256\": \"" + sha + "\", \"compressedSize\": 2, \"lookup\": [0, 1, 0]}",
                "field tokenizerIds");
        assertMalformed("{\"tokenizerSha256\": \"" + sha + "\", \"tokenizerIds\": 3, \"compressedSize\": 2,"
                + " \"lookup\": [0, 2, 1]}", "field lookup[1] = 2");
        assertMalformed("{\"tokenizerSha256\": \"" + sha + "\", \"tokenizerIds\": 3, \"compressedSize\": 3,"
                + " \"lookup\": [0, 1, 0]}", "field compressedSize = 3");
        assertMalformed("{\"tokenizerSha256\": \"" + sha + "\", \"tokenizerIds\": 3, \"compressedSize\": 2,"
                + " \"lookup\": [0, \"1\", 0]}", "field lookup[1] must be an int");
        assertMalformed("{\"tokenizerSha256\": 7}", "field tokenizerSha256");
        assertMalformed("[]", "expected a JSON object");
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> CompressedVocabulary.load(file, tokenizer.sha256()));
    }

    @Test
    void loadOrBuildSavesThenReuses() throws IOException {
        CompressedVocabulary first = CompressedVocabulary.loadOrBuild(tokenizer, file);
        assertTrue(Files.exists(file));
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);

        CompressedVocabulary second = CompressedVocabulary.loadOrBuild(tokenizer, file);
        assertArrayEquals(first.lookup(), second.lookup());
        assertEquals(old, Files.getLastModifiedTime(file));
    }

    @Test
    void loadOrBuildReplacesStaleFile() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"tokenizerSha256\": \"" + OTHER_SHA256 + "\", \"tokenizerIds\": 1,"
                + " \"compressedSize\": 1, \"lookup\": [0]}");

        CompressedVocabulary rebuilt = CompressedVocabulary.loadOrBuild(tokenizer, file);
        assertEquals(4, rebuilt.size());
        assertEquals(tokenizer.sha256(), CompressedVocabulary.load(file, tokenizer.sha256()).tokenizerSha256());
    }

    @Test
    void loadOrBuildReplacesTruncatedFile() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"tokenizerSha256\": \"");

        assertEquals(4, CompressedVocabulary.loadOrBuild(tokenizer, file).size());
        assertEquals(4, CompressedVocabulary.load(file, tokenizer.sha256()).size());
    }

    private void assertMalformed(String json, String expectedField) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompressedVocabulary.load(file, tokenizer.sha256()), json);
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(expectedField), error.getMessage());
    }
}
