package dev.engram.cli;

import java.util.Arrays;

/** Runs a workload for warm-up rounds, then measured rounds, and keeps the median duration. */
final class BenchTimer {
    private BenchTimer() {
    }

    /** Returns the median seconds of {@code rounds} measured runs after {@code warmup} discarded ones. */
    static double medianSeconds(int warmup, int rounds, Runnable workload) {
        for (int i = 0; i < warmup; i++) {
            workload.run();
        }
        double[] seconds = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            workload.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return rounds % 2 == 1 ? seconds[rounds / 2] : (seconds[rounds / 2 - 1] + seconds[rounds / 2]) / 2;
    }
}
