package dev.engram.store;

import java.util.concurrent.CompletableFuture;

/**
 * The Engram embeddings of one chunk of tokens, one pending gather per Engram layer. Asking for a layer's
 * rows waits for its gather if it has not finished, and counts whether it had (a prefetch hit).
 */
public final class PrefetchedRows {
    private final CompletableFuture<float[]>[] layers;
    private final RowPrefetcher owner;

    PrefetchedRows(CompletableFuture<float[]>[] layers, RowPrefetcher owner) {
        this.layers = layers;
        this.owner = owner;
    }

    /** Returns the rows of the Engram layer at {@code layerIndex}, waiting for them if needed. */
    public float[] rows(int layerIndex) {
        CompletableFuture<float[]> future = layers[layerIndex];
        owner.record(future.isDone());
        return future.join();
    }
}
