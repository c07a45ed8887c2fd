package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoComputeTest {

    @Test
    void baselineWidensMlpToMatchFlops(@TempDir Path folder) throws Exception {
        Path file = GoldenGradientsTest.golden().resolve("tiny-engram").resolve("config.json");
        ModelConfig engram = ModelConfig.read(file);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());

        ObjectNode baselineJson = IsoCompute.baselineConfig(engram, json);
        Path baselineFile = folder.resolve("config.json");
        Files.writeString(baselineFile, baselineJson.toString());
        ModelConfig baseline = ModelConfig.read(baselineFile);

        // Engram block: 4 E d + 2 K d + 2 d = 4*32*32 + 2*4*32 + 2*32 = 4416 FLOPs; spread over 3 MLPs of
        // 6 d = 192 FLOPs per unit of width, that is 7.67 more units, rounded to 8: 48 + 8 = 56.
        assertEquals(56, baseline.intermediateSize());
        assertEquals(false, baseline.hasEngram());
        double gap = Math.abs(IsoCompute.flopsPerToken(baseline, 64) - IsoCompute.flopsPerToken(engram, 64));
        assertTrue(gap <= 3.0 * 32 * 3, "FLOPs gap per token " + gap);
    }
}
