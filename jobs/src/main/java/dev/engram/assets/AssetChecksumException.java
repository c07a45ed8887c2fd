package dev.engram.assets;

import java.io.IOException;

/** A fetched archive or extracted file whose sha256 differs from the pinned value. */
public final class AssetChecksumException extends IOException {
    public AssetChecksumException(String message) {
        super(message);
    }
}
