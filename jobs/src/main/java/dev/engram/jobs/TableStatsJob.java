package dev.engram.jobs;

import dev.engram.cli.TableStatsCommand;
import dev.engram.hash.HashConfig;
import dev.engram.schema.CoveragePoint;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.OrderCollisionStats;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.ShardStats;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TableStats;
import dev.engram.table.ShardRows;
import dev.engram.table.TableLayout;
import dev.engram.table.TableReader;
import dev.engram.table.TableStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Computes {@value TableStats#FILE} for a table folder and writes it into that folder atomically.
 *
 * <p>Per-shard figures come from the shards alone ({@link TableStatistics}). The share of positions
 * colliding in every head needs the n-grams themselves, read from the n-gram folder that the manifest
 * lists as input. If that folder is gone, those figures are left out with a warning.
 */
public final class TableStatsJob {
    private static final Logger LOG = LoggerFactory.getLogger(TableStatsJob.class);

    private TableStatsJob() {
    }

    /** Runs the job under spark-submit; takes the same arguments as {@code engram table-stats}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TableStatsCommand()).execute(args));
    }

    public static TableStats run(SparkSession spark, String tables) throws IOException {
        StageTimer timer = new StageTimer();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path tableDir = HadoopFiles.qualify(tables, conf);
        LOG.info("table-stats: start tables={}", tableDir);
        TableReader reader = TableReader.open(tableDir, conf);
        TableManifest manifest = reader.manifest();

        List<ShardStats> shards = new ArrayList<>();
        BitSet[] colliding = new BitSet[manifest.shards().size()];
        long[] pooledHits = new long[0];
        long totalRows = 0;
        TableLayout layout = new TableLayout(manifest.config());
        for (ShardEntry entry : manifest.shards()) {
            ShardRows rows = reader.shard(entry.layerId(), entry.order(), entry.head());
            shards.add(TableStatistics.shard(entry, rows));
            int shardIndex = layout.shardIndex(manifest.config().layers().indexOf(entry.layerId()), entry.order(), entry.head());
            colliding[shardIndex] = new BitSet(entry.prime());
            int start = pooledHits.length;
            pooledHits = java.util.Arrays.copyOf(pooledHits, start + rows.size());
            for (int i = 0; i < rows.size(); i++) {
                pooledHits[start + i] = rows.hits(i);
                if (rows.distinct(i) > 1) {
                    colliding[shardIndex].set(rows.bucket(i));
                }
            }
            totalRows += entry.prime();
        }
        List<CoveragePoint> coverage = TableStatistics.coverage(pooledHits, totalRows);
        List<OrderCollisionStats> orders = everyHeadCollisions(spark, manifest, colliding, conf);

        TableStats stats = new TableStats(tableDir.toString(), shards, orders, coverage);
        writeAtomically(new Path(tableDir, TableStats.FILE), ManifestJson.toBytes(stats), conf);
        LOG.info("table-stats: done shards={} rows={} seconds={}", shards.size(), totalRows, timer.secondsText());
        return stats;
    }

    private static List<OrderCollisionStats> everyHeadCollisions(SparkSession spark, TableManifest manifest,
                                                                 BitSet[] colliding, Configuration conf) throws IOException {
        Path ngramsDir = new Path(manifest.inputs().get(0));
        if (!ngramsDir.getFileSystem(conf).exists(ngramsDir)) {
            LOG.warn("table-stats: n-gram folder {} listed in the manifest is gone; leaving out the share of"
                    + " positions colliding in every head", ngramsDir);
            return List.of();
        }
        TableConfig config = manifest.config();
        HashConfig hashConfig = new HashConfig(config.layers().stream().mapToInt(Integer::intValue).toArray(),
                config.maxNgram(), config.heads(), config.tableSizes().stream().mapToInt(Integer::intValue).toArray(),
                config.seed(), manifest.compressedVocabulary().size(), manifest.compressedPadId());
        Broadcast<BitSet[]> sets = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(colliding);
        Dataset<Row> ngrams = Parallelism.atLeastDefault(BuildTablesJob.withPadFilledIn(
                spark.read().parquet(ngramsDir.toString()), config.maxNgram(), manifest.compressedPadId()));
        int orders = config.maxNgram() - 1;
        long[] totals = new long[2 * config.layers().size() * orders];
        for (long[] partition : ngrams.mapPartitions(new EveryHeadCollisions(hashConfig, sets),
                Encoders.kryo(long[].class)).collectAsList()) {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += partition[i];
            }
        }
        sets.destroy();
        List<OrderCollisionStats> stats = new ArrayList<>();
        for (int layer = 0; layer < config.layers().size(); layer++) {
            for (int order = 2; order <= config.maxNgram(); order++) {
                int slot = 2 * (layer * orders + order - 2);
                long positions = totals[slot];
                stats.add(new OrderCollisionStats(config.layers().get(layer), order, positions, totals[slot + 1],
                        positions == 0 ? 0 : (double) totals[slot + 1] / positions));
            }
        }
        return stats;
    }

    /** Writes a temporary file beside the target and renames it over the target in one step. */
    private static void writeAtomically(Path target, byte[] bytes, Configuration conf) throws IOException {
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        HadoopFiles.writeBytes(temp, bytes, conf);
        FileContext.getFileContext(target.toUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
    }
}
