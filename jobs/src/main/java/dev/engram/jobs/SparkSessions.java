package dev.engram.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Spark session a job runs in.
 *
 * <p>Under {@code spark-submit} (or with {@code -Dspark.master=...}) the submitted configuration is used
 * unchanged. Otherwise the job runs on an embedded {@code local[*]} Spark whose driver binds to
 * 127.0.0.1 and whose web UI is off, so a local run opens no port beyond loopback.
 */
public final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * A session and whether this handle started it. Closing stops only a session the handle started, so
     * a command called inside a test or a notebook leaves the caller's session running.
     */
    public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    public static Handle start(String appName) {
        if (SparkSession.getActiveSession().isDefined()) {
            return new Handle(SparkSession.getActiveSession().get(), false);
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            return new Handle(SparkSession.getDefaultSession().get(), false);
        }
        // SparkConf picks up spark.* system properties, which is where spark-submit puts the master.
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!submitted.contains("spark.master")) {
            builder.master("local[*]");
            setIfMissing(builder, submitted, "spark.driver.host", "127.0.0.1");
            setIfMissing(builder, submitted, "spark.driver.bindAddress", "127.0.0.1");
            setIfMissing(builder, submitted, "spark.ui.enabled", "false");
            LOG.info("no spark.master set: running on an embedded local[*] Spark bound to 127.0.0.1");
        }
        setIfMissing(builder, submitted, "spark.ui.showConsoleProgress", "true");
        return new Handle(builder.getOrCreate(), true);
    }

    /**
     * Starts a new session on {@code master} even when {@code spark.master} is set, for benchmarks that
     * compare core counts. The driver binds to 127.0.0.1 and the web UI is off unless configured.
     */
    public static Handle startOn(String appName, String master) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(master);
        setIfMissing(builder, submitted, "spark.driver.host", "127.0.0.1");
        setIfMissing(builder, submitted, "spark.driver.bindAddress", "127.0.0.1");
        setIfMissing(builder, submitted, "spark.ui.enabled", "false");
        return new Handle(builder.getOrCreate(), true);
    }

    private static void setIfMissing(SparkSession.Builder builder, SparkConf submitted, String key, String value) {
        if (!submitted.contains(key)) {
            builder.config(key, value);
        }
    }
}
