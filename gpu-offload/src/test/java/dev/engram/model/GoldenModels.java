package dev.engram.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The golden model folders and their expected logits, from the reference implementation's export. */
final class GoldenModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(int[] ids, float[][] logits) {
    }

    record Expected(double tolerance, List<Case> cases) {
    }

    private GoldenModels() {
    }

    static Path root() {
        String dir = System.getProperty("engram.golden.dir");
        if (dir == null) {
            throw new IllegalStateException("system property engram.golden.dir is not set; run the tests through Maven");
        }
        return Path.of(dir, "models");
    }

    static Stream<String> names() {
        return Stream.of("tiny-baseline", "tiny-engram", "tiny-engram-two-layers");
    }

    static Path folder(String name) {
        return root().resolve(name);
    }

    static Expected expected(String name) throws IOException {
        JsonNode root = JSON.readTree(folder(name).resolve("expected-logits.json").toFile());
        List<Case> cases = new ArrayList<>();
        for (JsonNode node : root.path("cases")) {
            int[] ids = new int[node.path("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = node.path("ids").get(i).intValue();
            }
            JsonNode rows = node.path("logits");
            float[][] logits = new float[rows.size()][];
            for (int t = 0; t < logits.length; t++) {
                logits[t] = new float[rows.get(t).size()];
                for (int v = 0; v < logits[t].length; v++) {
                    logits[t][v] = rows.get(t).get(v).floatValue();
                }
            }
            cases.add(new Case(ids, logits));
        }
        return new Expected(root.path("tolerance").doubleValue(), cases);
    }
}
