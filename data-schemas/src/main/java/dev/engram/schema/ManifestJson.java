package dev.engram.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and writes the JSON manifests. Output is indented with a trailing newline, and unknown fields
 * are rejected so that a manifest from a newer layout fails loudly instead of being half understood.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ManifestJson() {
    }

    public static byte[] toBytes(Object manifest) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(manifest);
            byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + manifest.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @param source names the file in the error message
     * @throws IOException if the JSON is malformed or does not match {@code type}
     */
    public static <T> T read(InputStream in, Class<T> type, String source) throws IOException {
        try {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new IOException("cannot parse " + source + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Returns the shared mapper, for callers that read related JSON files such as a table config. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
