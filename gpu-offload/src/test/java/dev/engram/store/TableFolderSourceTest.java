package dev.engram.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.hash.NgramHasher;
import dev.engram.kernels.ScalarKernels;
import dev.engram.model.CompressedIdMap;
import dev.engram.model.EngramConfig;
import dev.engram.model.EngramModel;
import dev.engram.model.ModelConfig;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.TensorInfo;
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

/**
 * The tiny golden Engram model with its rows moved from model.safetensors into a table folder written
 * the way build-tables writes one: its logits must still match the golden expected logits.
 */
class TableFolderSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LAYER = 1;

    @TempDir
    Path temp;

    private static Path golden() {
        return Path.of(System.getProperty("engram.golden.dir"), "models", "tiny-engram");
    }

    /** Copies the golden model into {@code temp/model} with {@code engram.table_dir} naming a table folder there. */
    private Path modelWithTableFolder(long tableSeed) throws Exception {
        Path model = Files.createDirectories(temp.resolve("model"));
        for (String file : List.of("model.safetensors", "compressed_vocab.json")) {
            Files.copy(golden().resolve(file), model.resolve(file));
        }
        ObjectNode config = (ObjectNode) JSON.readTree(golden().resolve("config.json").toFile());
        ((ObjectNode) config.get("engram")).put("table_dir", "tables");
        Files.write(model.resolve("config.json"), JSON.writeValueAsBytes(config));
        writeTables(model, Files.createDirectories(model.resolve("tables")), tableSeed);
        return model;
    }

    /** Stores every row of the golden embedding, head by head, as build-tables lays out shards. */
    private static void writeTables(Path model, Path tables, long tableSeed) throws Exception {
        ModelConfig modelConfig = ModelConfig.read(model.resolve("config.json"));
        EngramConfig engram = modelConfig.engram();
        CompressedIdMap compressed = CompressedIdMap.read(model.resolve(engram.compressedVocab()), modelConfig.vocabSize());
        NgramHasher hasher = new NgramHasher(engram.hashConfig(compressed.size(), compressed.compress(engram.padTokenId())));
        TableConfig config = new TableConfig(List.of(LAYER), engram.maxNgramSize(), engram.headsPerNgram(),
                List.of(engram.tableSizePerNgram()[0], engram.tableSizePerNgram()[1]), engram.headDim(), tableSeed,
                engram.padTokenId());
        TableLayout layout = new TableLayout(config);
        org.apache.hadoop.fs.Path tableDir = new org.apache.hadoop.fs.Path(tables.toUri());

        List<ShardEntry> shards = new ArrayList<>();
        List<List<Integer>> primes = new ArrayList<>();
        try (SafetensorsFile weights = SafetensorsFile.open(model.resolve("model.safetensors"))) {
            String name = SafetensorsTableSource.tensorName(LAYER);
            TensorInfo info = weights.info(name);
            int width = engram.headDim();
            long firstRow = 0;
            for (int order = 2; order <= engram.maxNgramSize(); order++) {
                List<Integer> orderPrimes = new ArrayList<>();
                for (int head = 0; head < engram.headsPerNgram(); head++) {
                    int prime = hasher.prime(0, order, head);
                    List<TableRow> rows = new ArrayList<>();
                    for (int bucket = 0; bucket < prime; bucket++) {
                        float[] vector = new float[width];
                        SafetensorsFile.copyToFloats(weights.segment(name), info.dtype(), (firstRow + bucket) * width,
                                vector, 0, width);
                        rows.add(new TableRow(bucket, 1, 1, new int[] {bucket, bucket}, 1, vector));
                    }
                    shards.add(ShardFileWriter.write(tableDir, layout.shardKey(layout.shardIndex(0, order, head)), prime,
                            rows.iterator(), new Configuration()));
                    orderPrimes.add(prime);
                    firstRow += prime;
                }
                primes.add(orderPrimes);
            }
        }
        List<Long> multipliers = new ArrayList<>();
        for (long multiplier : hasher.multipliers(0)) {
            multipliers.add(multiplier);
        }
        TableManifest manifest = new TableManifest(TableManifest.FORMAT_VERSION, config, 0,
                new TokenizerReference("tokenizer.json", "ab".repeat(32), modelConfig.vocabSize()), null,
                List.of("ngrams"), List.of(), true, new VectorInit(InitVectors.GENERATOR, InitVectors.DEFAULT_STD),
                List.of(new LayerAddressing(LAYER, multipliers, primes)), shards);
        Files.write(tables.resolve(TableManifest.FILE), ManifestJson.toBytes(manifest));
    }

    @Test
    void tableFolderGivesGoldenLogits() throws Exception {
        Path model = modelWithTableFolder(0);
        JsonNode expected = JSON.readTree(golden().resolve("expected-logits.json").toFile());
        double tolerance = expected.get("tolerance").doubleValue();

        try (EngramModel engram = EngramModel.load(model, new ScalarKernels(), true)) {
            for (JsonNode golden : expected.get("cases")) {
                int[] ids = new int[golden.get("ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = golden.get("ids").get(i).intValue();
                }
                float[] logits = engram.forward(engram.newState(), ids);
                int vocab = golden.get("logits").get(0).size();
                for (int t = 0; t < ids.length; t++) {
                    for (int v = 0; v < vocab; v++) {
                        double error = Math.abs(golden.get("logits").get(t).get(v).doubleValue() - logits[t * vocab + v]);
                        assertTrue(error <= tolerance, "position " + t + " vocab " + v + ": |error| " + error);
                    }
                }
            }
        }
    }

    @Test
    void tableFolderWithOtherSeedRejected() throws Exception {
        Path model = modelWithTableFolder(9);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EngramModel.load(model, new ScalarKernels(), true));

        assertTrue(error.getMessage().contains("was hashed with seed 9 but the model's engram.seed is 0"), error.getMessage());
    }
}
