package dev.engram.jobs.eval;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs items scored and items per second every few seconds while the Spark job runs. The count comes
 * from an accumulator, which Spark merges when a task ends, so it advances one partition at a time.
 */
final class EvalProgress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvalProgress.class);
    private static final long PERIOD_SECONDS = 5;

    private final ScheduledExecutorService timer;

    EvalProgress(LongAccumulator scored, long total) {
        long start = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eval-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            long done = scored.value();
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("Evaluation progress: {} of {} items scored, {} items/s", done, total,
                    String.format("%.1f", done / seconds));
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
