package dev.engram.safetensors;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when a safetensors file is truncated or its header is malformed; the message names the file. */
public final class InvalidSafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidSafetensorsException(Path file, String problem) {
        super("invalid safetensors file " + file + ": " + problem);
    }
}
