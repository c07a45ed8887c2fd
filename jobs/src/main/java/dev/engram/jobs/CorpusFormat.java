package dev.engram.jobs;

import java.util.Arrays;
import java.util.Locale;

/** Layout of documents in corpus files. */
public enum CorpusFormat {
    /** Each line of each file is one document. */
    LINES,
    /** Each whole file is one document. */
    TEXT,
    /** JSON Lines: each line is one JSON object, and one string field of it is the document. */
    JSONL;

    /** Returns the name used on the command line, such as {@code jsonl}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name, ignoring case.
     *
     * @throws IllegalArgumentException if the name matches no format; the message lists the valid names
     */
    public static CorpusFormat fromCliName(String name) {
        for (CorpusFormat format : values()) {
            if (format.cliName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("invalid corpus format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(CorpusFormat::cliName).toList());
    }
}
