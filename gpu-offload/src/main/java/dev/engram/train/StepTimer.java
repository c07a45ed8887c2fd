package dev.engram.train;

import java.util.EnumMap;
import java.util.Map;

/**
 * Wall time spent per phase of training steps, for the "where does the time go" report. Engram time is
 * counted inside forward and backward as well as on its own line. Not thread-safe.
 */
public final class StepTimer {

    /** Phases of a training step. */
    public enum Phase { FORWARD, BACKWARD, ENGRAM, OPTIMIZER, DATA }

    private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);

    /** Adds the time since {@code startNanos} (from {@link System#nanoTime()}) to {@code phase}. */
    public void add(Phase phase, long startNanos) {
        nanos.merge(phase, System.nanoTime() - startNanos, Long::sum);
    }

    /** Returns the seconds recorded for {@code phase}. */
    public double seconds(Phase phase) {
        return nanos.getOrDefault(phase, 0L) / 1e9;
    }

    public void reset() {
        nanos.clear();
    }
}
