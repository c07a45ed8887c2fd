package dev.engram.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.cli.CountNgramsCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact n-gram counts from both key paths against {@link ReferenceNgrams}. */
class CountNgramsJobTest {
    static final long SEED = 20260107L;
    static SparkSession spark;
    static List<int[]> documents;
    static Dataset<Row> compressed;

    @BeforeAll
    static void randomCorpus() {
        spark = TestSpark.session();
        // Few distinct ids make repeats, and so counts above 1, common. The seed is fixed so failures replay.
        Random random = new Random(SEED);
        documents = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            int[] ids = new int[1 + random.nextInt(30)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(6);
            }
            documents.add(ids);
            rows.add(RowFactory.create((Object) ids));
        }
        StructType schema = new StructType().add("compressed", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
        compressed = spark.createDataFrame(rows, schema).repartition(3);
    }

    static Map<List<Integer>, Long> collect(Dataset<Row> counts) {
        Map<List<Integer>, Long> collected = new HashMap<>();
        for (Row row : counts.collectAsList()) {
            List<Integer> ngram = List.copyOf(row.getList(1));
            assertEquals(row.getInt(0), ngram.size());
            Long previous = collected.put(ngram, row.getLong(2));
            assertEquals(null, previous, "n-gram " + ngram + " appears once");
        }
        return collected;
    }

    @Test
    void packedKeysCountExactly() {
        assertEquals(ReferenceNgrams.count(documents, 4, 1), collect(CountNgramsJob.countAll(compressed, 4, 1, 6)));
    }

    @Test
    void arrayKeysCountExactly() {
        // With 2^31 - 2 compressed ids only orders up to 2 fit in a long, so orders 3 and 4 group by arrays.
        assertEquals(2, new NgramPacking(Integer.MAX_VALUE - 1).maxPackedOrder());
        assertEquals(ReferenceNgrams.count(documents, 4, 1),
                collect(CountNgramsJob.countAll(compressed, 4, 1, Integer.MAX_VALUE - 1)));
    }

    @Test
    void minCountDropsRareNgrams() {
        Map<List<Integer>, Long> expected = ReferenceNgrams.count(documents, 3, 3);
        assertTrue(expected.size() < ReferenceNgrams.count(documents, 3, 1).size());
        assertEquals(expected, collect(CountNgramsJob.countAll(compressed, 3, 3, 6)));
    }

    @Test
    void missingTokensFolderIsNamed(@TempDir Path dir) {
        PipelineFixture.Result result = PipelineFixture.run(new CountNgramsCommand(), "--tokens",
                dir.resolve("absent").toString(), "--max-ngram", "3", "--out", dir.resolve("out").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--tokens: folder"), result.err());
        assertTrue(result.err().contains("expected the output of tokenize"), result.err());
    }

    @Test
    void corruptTokenPartIsReported(@TempDir Path dir) throws IOException {
        PipelineFixture fixture = PipelineFixture.prepare(dir);
        try (var parts = java.nio.file.Files.list(dir.resolve("tokens"))) {
            Path part = parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            java.nio.file.Files.writeString(part, "not parquet");
        }
        PipelineFixture.Result result = PipelineFixture.run(new CountNgramsCommand(), "--tokens",
                fixture.dir.resolve("tokens").toString(), "--max-ngram", "3", "--out", dir.resolve("recount").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("tokens/part-"), result.err());
        assertTrue(java.nio.file.Files.notExists(dir.resolve("recount")));
    }
}
