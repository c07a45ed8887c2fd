package dev.engram.table;

import java.io.IOException;

/** A file listed in a table manifest whose bytes no longer match the sha256 recorded at build time. */
public final class ShardChecksumException extends IOException {
    public ShardChecksumException(String message) {
        super(message);
    }
}
