package dev.engram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
    @TempDir
    Path folder;

    @Test
    void goldenEngramConfigReads() throws IOException {
        ModelConfig config = ModelConfig.read(GoldenModels.folder("tiny-engram-two-layers").resolve("config.json"));
        assertEquals(24, config.hiddenSize());
        assertEquals(8, config.headDim());
        assertEquals(3, config.engram().maxNgramSize());
        assertEquals(4, config.engram().headDim());
        assertEquals(24, config.engram().embeddingWidth());
        assertEquals(1, config.engram().indexOfLayer(2));
    }

    @Test
    void multiBranchHcMultIsRejected() throws IOException {
        String json = Files.readString(GoldenModels.folder("tiny-engram").resolve("config.json"))
                .replace("\"hc_mult\": 1", "\"hc_mult\": 4");
        Path file = folder.resolve("config.json");
        Files.writeString(file, json);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelConfig.read(file));
        assertTrue(error.getMessage().contains("hc_mult"), error.getMessage());
        assertTrue(error.getMessage().contains("got 4"), error.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = folder.resolve("config.json");
        Files.writeString(file, "{\"vocab_size\": 10}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelConfig.read(file));
        assertTrue(error.getMessage().contains("field hidden_size"), error.getMessage());
        assertTrue(error.getMessage().contains("missing"), error.getMessage());
    }

    @Test
    void headsMustDivideHiddenSize() throws IOException {
        String json = Files.readString(GoldenModels.folder("tiny-baseline").resolve("config.json"))
                .replace("\"num_heads\": 4", "\"num_heads\": 5");
        Path file = folder.resolve("config.json");
        Files.writeString(file, json);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelConfig.read(file));
        assertTrue(error.getMessage().contains("field num_heads"), error.getMessage());
    }
}
