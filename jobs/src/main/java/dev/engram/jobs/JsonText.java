package dev.engram.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** Extracts document text from a parsed JSON record. */
final class JsonText {
    private JsonText() {
    }

    /**
     * Returns the text at {@code field} (dots separate nested names): a string as is, an array of strings
     * joined with newlines (chinese-poetry keeps a poem's lines in a {@code paragraphs} array).
     *
     * @throws JobInputException if the field is missing or contains something else; {@code where} names the record
     */
    static String extract(JsonNode record, String field, String where) {
        JsonNode node = record;
        for (String name : field.split("\\.")) {
            node = node == null ? null : node.get(name);
        }
        if (node != null && node.isTextual()) {
            return node.textValue();
        }
        if (node != null && node.isArray() && allTextual(node)) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : node) {
                if (!joined.isEmpty()) {
                    joined.append('\n');
                }
                joined.append(element.textValue());
            }
            return joined.toString();
        }
        throw new JobInputException(where + ": expected a string or an array of strings in field '" + field + "', got "
                + (node == null ? "no such field" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                + "; set --field to the name of the text field");
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
