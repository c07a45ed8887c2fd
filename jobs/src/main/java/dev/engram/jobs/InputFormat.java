package dev.engram.jobs;

import java.util.Arrays;
import java.util.Locale;

/** Input file layouts that {@code tokenize} splits into documents. */
public enum InputFormat {
    /** Each file is one document. */
    TEXT,
    /** Each non-blank line is one document. */
    LINES,
    /** Each non-blank line is a JSON object; {@code --field} names the text. */
    JSONL,
    /**
     * Each file is a JSON object or an array of objects, pretty-printed or not; each object is one
     * document. Covers the SOTU folder (an object per file) and chinese-poetry (arrays of poems).
     */
    JSON,
    /** Parquet files; {@code --field} names the text column. */
    PARQUET;

    /** Returns the name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputFormat fromCliName(String name) {
        for (InputFormat format : values()) {
            if (format.cliName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format: expected one of "
                + Arrays.stream(values()).map(InputFormat::cliName).toList() + ", got '" + name + "'");
    }

    /** Returns whether documents come from a field of a record, so that {@code --field} applies. */
    public boolean hasField() {
        return this == JSONL || this == JSON || this == PARQUET;
    }
}
