package dev.engram.jobs.eval;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session for the eval commands and whether they started it. Closing stops only a session this
 * handle started, so a command run inside a test or a notebook leaves the caller's session alone.
 *
 * <p>Limitation: a private stand-in for the jobs package's shared session factory, which is not on this
 * branch yet. Without {@code spark.master} it runs an embedded {@code local[*]} bound to 127.0.0.1.
 */
public record LocalSession(SparkSession spark, boolean owned) implements AutoCloseable {

    public static LocalSession start(String appName) {
        if (SparkSession.getActiveSession().isDefined()) {
            return new LocalSession(SparkSession.getActiveSession().get(), false);
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            return new LocalSession(SparkSession.getDefaultSession().get(), false);
        }
        return start(appName, null);
    }

    /** Starts a new session; a non-null {@code master} wins over {@code spark.master}, as the bench needs. */
    public static LocalSession start(String appName, String master) {
        SparkConf conf = new SparkConf(true).setAppName(appName)
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                .setIfMissing("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        }
        return new LocalSession(SparkSession.builder().config(conf).getOrCreate(), true);
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
