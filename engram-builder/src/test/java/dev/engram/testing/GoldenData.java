package dev.engram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates and parses the read-only golden files that pin exact behaviour. */
public final class GoldenData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenData() {
    }

    /** The golden folder: system property {@code engram.golden.dir}, else {@code ../shared/golden} from the repository root. */
    public static Path dir() {
        String configured = System.getProperty("engram.golden.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "golden");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("golden data folder not found at " + dir.toAbsolutePath()
                    + "; set -Dengram.golden.dir to the shared/golden folder");
        }
        return dir;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static JsonNode json(String name) {
        try {
            return JSON.readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + name, e);
        }
    }

    public static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).intValue();
        }
        return values;
    }

    public static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).longValue();
        }
        return values;
    }
}
