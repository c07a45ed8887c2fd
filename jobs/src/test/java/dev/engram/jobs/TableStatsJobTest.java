package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.TableStatsCommand;
import dev.engram.hash.NgramHasher;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.OrderCollisionStats;
import dev.engram.schema.ShardStats;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TableStats;
import dev.engram.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** table-stats figures against the same figures computed from the reference buckets. */
class TableStatsJobTest {
    @TempDir
    static Path dir;
    static PipelineFixture fixture;
    static TableStats stats;
    static PipelineFixture.Result summary;

    @BeforeAll
    static void prepare() throws IOException {
        fixture = PipelineFixture.prepare(dir);
        assertEquals(0, fixture.buildTables("tables").exitCode());
        summary = PipelineFixture.run(new TableStatsCommand(), "--tables", dir.resolve("tables").toString());
        assertEquals(0, summary.exitCode(), summary.err());
        stats = ManifestJson.read(Files.newInputStream(dir.resolve("tables").resolve(TableStats.FILE)), TableStats.class,
                "stats.json");
    }

    @Test
    void shardFiguresMatchReference() throws IOException {
        TableManifest manifest = TableReader.open(dir.resolve("tables")).manifest();
        NgramHasher hasher = PipelineTest.hasher(manifest);
        assertEquals(manifest.shards().size(), stats.shards().size());
        for (ShardStats shard : stats.shards()) {
            int layerIndex = manifest.config().layers().indexOf(shard.layerId());
            Map<Integer, ReferenceTables.Bucket> buckets = ReferenceTables.shard(fixture.reference, hasher, layerIndex,
                    shard.order(), shard.head());
            long hits = buckets.values().stream().mapToLong(ReferenceTables.Bucket::hits).sum();
            long colliding = buckets.values().stream().filter(b -> b.distinct() > 1).mapToLong(ReferenceTables.Bucket::hits).sum();
            String where = "layer " + shard.layerId() + " order " + shard.order() + " head " + shard.head();
            assertEquals(buckets.size(), shard.usedBuckets(), where);
            assertEquals((double) buckets.size() / shard.prime(), shard.fillRatio(), 1e-12, where);
            assertEquals(hits, shard.hits(), where);
            assertEquals((double) colliding / hits, shard.collisionRate(), 1e-12, where);
            assertEquals(buckets.values().stream().mapToLong(ReferenceTables.Bucket::distinct).max().orElse(0),
                    shard.maxDistinct(), where);
            long[] sorted = buckets.values().stream().mapToLong(ReferenceTables.Bucket::hits).sorted().toArray();
            long topRows = (long) Math.ceil(0.1 * shard.prime());
            long served = 0;
            for (int i = sorted.length - 1; i >= 0 && sorted.length - i <= topRows; i--) {
                served += sorted[i];
            }
            assertEquals(topRows, shard.coverage().get(2).rows(), where);
            assertEquals((double) served / hits, shard.coverage().get(2).lookupShare(), 1e-12, where);
        }
    }

    @Test
    void everyHeadCollisionsMatchReference() throws IOException {
        TableManifest manifest = TableReader.open(dir.resolve("tables")).manifest();
        NgramHasher hasher = PipelineTest.hasher(manifest);
        assertEquals(4, stats.orders().size());
        for (OrderCollisionStats order : stats.orders()) {
            int layerIndex = manifest.config().layers().indexOf(order.layerId());
            Map<Integer, Map<Integer, ReferenceTables.Bucket>> heads = new HashMap<>();
            for (int head = 0; head < 3; head++) {
                heads.put(head, ReferenceTables.shard(fixture.reference, hasher, layerIndex, order.order(), head));
            }
            long positions = 0;
            long everyHead = 0;
            for (Map.Entry<List<Integer>, Long> entry : filledIn(fixture.reference, hasher, order.order()).entrySet()) {
                int[] ids = entry.getKey().stream().mapToInt(Integer::intValue).toArray();
                long mix = hasher.mix(ids, layerIndex);
                boolean all = true;
                for (int head = 0; head < 3; head++) {
                    all &= heads.get(head).get(hasher.bucket(mix, layerIndex, order.order(), head)).distinct() > 1;
                }
                positions += entry.getValue();
                everyHead += all ? entry.getValue() : 0;
            }
            assertEquals(positions, order.positions());
            assertEquals(everyHead, order.collidingInEveryHead());
        }
    }

    @Test
    void summaryListsEveryLayerAndOrder() {
        String out = summary.out();
        assertTrue(out.contains("layer order heads"), out);
        assertEquals(4, out.lines().filter(line -> line.matches("\\s+(1|15)\\s+[23]\\s+3\\s.*")).count(), out);
        assertTrue(out.contains("all rows: top 0.10% of rows serve"), out);
    }

    @Test
    void jsonFlagPrintsStatsFile() throws IOException {
        PipelineFixture.Result json = PipelineFixture.run(new TableStatsCommand(), "--tables",
                dir.resolve("tables").toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        TableStats printed = ManifestJson.mapper().readValue(json.out(), TableStats.class);
        assertEquals(stats, printed);
    }

    private static Map<List<Integer>, Long> filledIn(Map<List<Integer>, Long> counts, NgramHasher hasher, int order) {
        Map<List<Integer>, Long> filled = new HashMap<>();
        int pad = hasher.config().compressedPadId();
        counts.forEach((ngram, count) -> {
            if (ngram.size() == order) {
                filled.merge(ngram.stream().map(id -> id == -1 ? pad : id).toList(), count, Long::sum);
            }
        });
        return filled;
    }
}
