package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.jobs.JobInputException;
import dev.engram.schema.ManifestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@code build-tables --config FILE}: a JSON object whose keys are the flag names without dashes,
 * for example {@code {"layers": [1, 15], "max-ngram": 3, "heads": 8, "table-sizes": [50021, 50021],
 * "head-dim": 32, "seed": 0, "pad-token-id": 2, "tokenizer": "tokenizer.json"}}. Flags given on the
 * command line win over the file.
 */
final class TableConfigFile {
    static final Set<String> KEYS = Set.of("layers", "max-ngram", "heads", "table-sizes", "head-dim", "seed",
            "pad-token-id", "tokenizer");

    private final JsonNode root;
    private final Path file;

    private TableConfigFile(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    static TableConfigFile read(Path file) {
        if (file == null) {
            return new TableConfigFile(ManifestJson.mapper().createObjectNode(), null);
        }
        JsonNode root;
        try {
            root = ManifestJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new JobInputException("--config: cannot read table config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new JobInputException("--config: " + file + " must hold a JSON object with the keys " + KEYS);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new JobInputException("--config: " + file + " has unknown key '" + name + "'; expected keys " + KEYS);
            }
        }
        return new TableConfigFile(root, file);
    }

    Integer integer(String key, Integer flag) {
        if (flag != null) {
            return flag;
        }
        JsonNode node = root.get(key);
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(key, "an integer", node);
        }
        return node.intValue();
    }

    String string(String key, String flag) {
        if (flag != null) {
            return flag;
        }
        JsonNode node = root.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(key, "a string", node);
        }
        return node.textValue();
    }

    /** Reads a list given as a JSON array of integers or as a comma-separated string. */
    List<Integer> integers(String key, List<Integer> flag) {
        if (flag != null && !flag.isEmpty()) {
            return flag;
        }
        JsonNode node = root.get(key);
        if (node == null) {
            return null;
        }
        List<Integer> values = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.textValue().split(",")) {
                try {
                    values.add(Integer.parseInt(part.strip()));
                } catch (NumberFormatException e) {
                    throw invalid(key, "a list of integers", node);
                }
            }
            return values;
        }
        if (!node.isArray()) {
            throw invalid(key, "a list of integers", node);
        }
        for (JsonNode element : node) {
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                throw invalid(key, "a list of integers", node);
            }
            values.add(element.intValue());
        }
        return values;
    }

    private JobInputException invalid(String key, String expected, JsonNode value) {
        return new JobInputException("--config: key '" + key + "' in " + file + " must be " + expected + ", got " + value);
    }
}
