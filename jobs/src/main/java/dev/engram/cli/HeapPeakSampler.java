package dev.engram.cli;

/**
 * Samples the used Java heap every few milliseconds on a daemon thread and keeps the highest value,
 * because the JVM's per-pool peaks cannot be added up into one peak: each pool peaks at another moment.
 */
final class HeapPeakSampler implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 10;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakBytes;

    HeapPeakSampler() {
        thread = Thread.ofPlatform().daemon().name("heap-peak-sampler").start(this::sample);
    }

    private void sample() {
        Runtime runtime = Runtime.getRuntime();
        while (running) {
            peakBytes = Math.max(peakBytes, runtime.totalMemory() - runtime.freeMemory());
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Returns the highest used heap seen so far, in bytes; a spike shorter than the interval can be missed. */
    long peakBytes() {
        return peakBytes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
