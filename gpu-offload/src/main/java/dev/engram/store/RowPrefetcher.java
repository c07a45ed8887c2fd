package dev.engram.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gathers Engram rows on a background thread. Addresses depend only on token ids, so a caller submits a
 * chunk of ids before running the layers in front of the first Engram layer (or before the previous
 * batch finishes) and the table reads overlap that compute.
 *
 * <p>The hit rate counts the share of layer requests whose rows were ready when the layer asked.
 */
public final class RowPrefetcher implements AutoCloseable {
    private final EngramLookup lookup;
    private final ExecutorService executor;
    private final LongAdder requests = new LongAdder();
    private final LongAdder hits = new LongAdder();

    /**
     * @param background true to gather on a dedicated thread. False gathers in the caller's thread at
     *                   submit time, the baseline against which the overlap is measured.
     */
    public RowPrefetcher(EngramLookup lookup, boolean background) {
        this.lookup = lookup;
        this.executor = background ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engram-prefetch");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    public EngramLookup lookup() {
        return lookup;
    }

    /** Starts gathering every Engram layer's rows for a window of compressed ids (see {@link EngramLookup#gather}). */
    public PrefetchedRows submit(int[] compressedWindow, int skip) {
        int layers = lookup.hasher().config().layerIds().length;
        @SuppressWarnings({"unchecked", "rawtypes"})
        CompletableFuture<float[]>[] futures = new CompletableFuture[layers];
        for (int layer = 0; layer < layers; layer++) {
            int layerIndex = layer;
            futures[layer] = executor == null
                    ? CompletableFuture.completedFuture(lookup.gather(layerIndex, compressedWindow, skip))
                    : CompletableFuture.supplyAsync(() -> lookup.gather(layerIndex, compressedWindow, skip), executor);
        }
        return new PrefetchedRows(futures, this);
    }

    void record(boolean ready) {
        requests.increment();
        if (ready) {
            hits.increment();
        }
    }

    /** Returns the number of layer requests so far. */
    public long requests() {
        return requests.sum();
    }

    /** Returns the share of layer requests whose rows were ready, or NaN before the first request. */
    public double hitRate() {
        long total = requests.sum();
        return total == 0 ? Double.NaN : (double) hits.sum() / total;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
