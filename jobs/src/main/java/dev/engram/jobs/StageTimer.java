package dev.engram.jobs;

/** Wall-clock time of one stage, for the stage's closing log line. */
final class StageTimer {
    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Formats {@code amount / seconds} with one decimal. */
    String rate(double amount) {
        double seconds = Math.max(seconds(), 1e-9);
        return String.format("%.1f", amount / seconds);
    }

    String secondsText() {
        return String.format("%.2f", seconds());
    }
}
