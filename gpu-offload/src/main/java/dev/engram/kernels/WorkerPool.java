package dev.engram.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of work items into one contiguous chunk per thread. The calling thread runs the first
 * chunk itself, so {@code threads = 1} starts no thread at all.
 */
final class WorkerPool implements AutoCloseable {

    /** Work on items {@code [start, end)}. */
    @FunctionalInterface
    interface Chunk {
        void run(int start, int end);
    }

    private final int threads;
    private final ExecutorService executor;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "engram-kernels");
            thread.setDaemon(true);
            return thread;
        });
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code chunk} over {@code [0, count)}, split so that no chunk is smaller than {@code minPerChunk}
     * items (small work stays on the calling thread, where handing it off would cost more than it saves).
     * Chunk boundaries are multiples of {@code alignment}.
     */
    void run(int count, int minPerChunk, int alignment, Chunk chunk) {
        int chunks = Math.max(1, Math.min(threads, count / Math.max(1, minPerChunk)));
        if (chunks == 1) {
            chunk.run(0, count);
            return;
        }
        int perChunk = ceilToMultiple((count + chunks - 1) / chunks, alignment);
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        for (int start = perChunk; start < count; start += perChunk) {
            int from = start;
            int to = Math.min(count, start + perChunk);
            futures.add(executor.submit(() -> chunk.run(from, to)));
        }
        chunk.run(0, Math.min(count, perChunk));
        for (Future<?> future : futures) {
            await(future);
        }
    }

    private static int ceilToMultiple(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a kernel chunk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("kernel chunk failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
