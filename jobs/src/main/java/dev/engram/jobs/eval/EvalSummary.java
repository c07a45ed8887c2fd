package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of one {@link EvalJob} run.
 *
 * @param items         items of all requested suites
 * @param cached        items whose scores came from the cache
 * @param scored        items scored in this run
 * @param scoreSeconds  wall time of the Spark scoring job, zero when everything was cached
 * @param results       the results.json written
 */
public record EvalSummary(int items, int cached, int scored, double scoreSeconds, ObjectNode results) {

    /** Returns items scored per second of the scoring job, or NaN when nothing was scored. */
    public double itemsPerSecond() {
        return scored == 0 ? Double.NaN : scored / scoreSeconds;
    }
}
