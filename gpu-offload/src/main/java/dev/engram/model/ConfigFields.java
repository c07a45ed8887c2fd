package dev.engram.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Typed reads of {@code config.json} fields, with errors that name the file and the field. */
final class ConfigFields {
    private final Path file;
    private final JsonNode node;
    private final String prefix;

    ConfigFields(Path file, JsonNode node, String prefix) {
        this.file = file;
        this.node = node;
        this.prefix = prefix;
    }

    JsonNode raw(String field) {
        return node.path(field);
    }

    int requireInt(String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field, "an integer", value);
        }
        return value.intValue();
    }

    double requireDouble(String field) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw invalid(field, "a number", value);
        }
        return value.doubleValue();
    }

    int optionalInt(String field, int fallback) {
        return node.has(field) && !node.path(field).isNull() ? requireInt(field) : fallback;
    }

    String optionalString(String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "a string", value);
        }
        return value.textValue();
    }

    int[] requireIntArray(String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw invalid(field, "an array of integers", value);
        }
        int[] out = new int[value.size()];
        for (int i = 0; i < out.length; i++) {
            if (!value.get(i).isIntegralNumber() || !value.get(i).canConvertToInt()) {
                throw invalid(field, "an array of integers", value);
            }
            out[i] = value.get(i).intValue();
        }
        return out;
    }

    IllegalArgumentException invalid(String field, String expected, Object actual) {
        String shown = actual instanceof JsonNode json && json.isMissingNode() ? "nothing (missing)" : String.valueOf(actual);
        return new IllegalArgumentException("model config " + file + ": field " + prefix + field + " must be "
                + expected + ", got " + shown);
    }
}
