package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.schema.LayerAddressing;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TokenizerReference;
import dev.engram.schema.VectorInit;
import dev.engram.table.InitVectors;
import dev.engram.table.ShardFileWriter;
import dev.engram.table.TableLayout;
import dev.engram.table.TableRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engram rows of the tiny golden Engram architecture started from a table folder written like build-tables does. */
class TableFolderInitTest {
    private static final float[] STORED = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Writes a table for layer 1, orders 2-3, 2 heads, 8-wide rows; every shard stores bucket 5 as {@link #STORED}. */
    private static Path writeTable(Path folder, TrainableModel model, long seed) throws Exception {
        TableConfig config = new TableConfig(List.of(1), 3, 2, List.of(53, 53), 8, seed, 0);
        TableLayout layout = new TableLayout(config);
        org.apache.hadoop.fs.Path tableDir = new org.apache.hadoop.fs.Path(folder.toUri());
        List<ShardEntry> shards = new ArrayList<>();
        List<List<Integer>> primes = new ArrayList<>();
        for (int order = 2; order <= 3; order++) {
            List<Integer> orderPrimes = new ArrayList<>();
            for (int head = 0; head < 2; head++) {
                int prime = model.hasher().prime(0, order, head);
                orderPrimes.add(prime);
                shards.add(ShardFileWriter.write(tableDir, layout.shardKey(layout.shardIndex(0, order, head)), prime,
                        List.of(new TableRow(5, 1, 1, new int[] {3, 4}, 1, STORED)).iterator(), new Configuration()));
            }
            primes.add(orderPrimes);
        }
        List<Long> multipliers = new ArrayList<>();
        for (long multiplier : model.hasher().multipliers(0)) {
            multipliers.add(multiplier);
        }
        TableManifest manifest = new TableManifest(TableManifest.FORMAT_VERSION, config, 0,
                new TokenizerReference("tokenizer.json", "ab".repeat(32), 96), null, List.of("ngrams"), List.of(),
                false, new VectorInit(InitVectors.GENERATOR, InitVectors.DEFAULT_STD),
                List.of(new LayerAddressing(1, multipliers, primes)), shards);
        Files.write(folder.resolve(TableManifest.FILE), ManifestJson.toBytes(manifest));
        return folder;
    }

    private static TrainableModel freshModel() throws Exception {
        return TrainableModel.initialize(GoldenGradientsTest.golden().resolve("tiny-engram").resolve("config.json"), 3);
    }

    @Test
    void storedAndEmptyBucketsLoad(@TempDir Path folder) throws Exception {
        try (TrainableModel model = freshModel()) {
            TableFolderInit.load(model, writeTable(folder, model, 0));

            OffHeapTable table = model.tables()[0];
            long[] offsets = model.headOffsets(0);
            float[] row = new float[8];
            int head = 0;
            for (int order = 2; order <= 3; order++) {
                for (int orderHead = 0; orderHead < 2; orderHead++, head++) {
                    table.copyRow(offsets[head] + 5, row, 0);
                    assertArrayEquals(STORED, row, "stored bucket 5 of order " + order + " head " + orderHead);
                    table.copyRow(offsets[head] + 6, row, 0);
                    assertArrayEquals(InitVectors.vector(0, 1, order, orderHead, 6, 8, InitVectors.DEFAULT_STD), row,
                            "empty bucket 6 of order " + order + " head " + orderHead);
                }
            }
        }
    }

    @Test
    void otherHashSeedIsRejected(@TempDir Path folder) throws Exception {
        try (TrainableModel model = freshModel()) {
            Path table = writeTable(folder, model, 9);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> TableFolderInit.load(model, table));
            assertTrue(error.getMessage().contains("was hashed with seed 9 but the model's engram.seed is 0"),
                    error.getMessage());
        }
    }
}
