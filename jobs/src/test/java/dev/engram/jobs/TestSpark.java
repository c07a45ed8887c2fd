package dev.engram.jobs;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session for every test class in the JVM: starting Spark takes seconds, and the
 * commands under test reuse an active session instead of starting their own. Spark's shutdown hook
 * stops it when the JVM exits. Other test classes may stop the shared context in their own cleanup,
 * so a stopped session is replaced by a new one.
 */
public final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (spark == null || spark.sparkContext().isStopped()) {
            // Keeps the compressed vocabulary cache out of the user's home folder.
            System.setProperty("engram.cache.dir", Path.of("target", "engram-cache").toAbsolutePath().toString());
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("engram-jobs-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return spark;
    }
}
