package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.kernels.ScalarKernels;
import dev.engram.model.EngramModel;
import dev.engram.table.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained rows written as a table folder read back unchanged and drive the model to the same logits. */
class TrainedTablesTest {
    private static final int[] IDS = {5, 17, 9, 33, 2, 71};

    @TempDir
    Path temp;

    @Test
    void tableFolderHoldsModelRows() throws Exception {
        Path model = temp.resolve("model");
        try (TrainableModel trainable = TrainableModel.initialize(
                GoldenGradientsTest.golden().resolve("tiny-engram").resolve("config.json"), 3)) {
            trainable.save(model);
            TrainedTables.write(trainable, model.resolve("tables"), model.resolve("compressed_vocab.json"));

            TableReader reader = TableReader.open(model.resolve("tables"));
            long[] offsets = trainable.headOffsets(0);
            float[] expected = new float[trainable.tables()[0].rowWidth()];
            int head = 0;
            for (int order = 2; order <= 3; order++) {
                for (int orderHead = 0; orderHead < 2; orderHead++, head++) {
                    for (int bucket : new int[] {0, 7, trainable.hasher().prime(0, order, orderHead) - 1}) {
                        trainable.tables()[0].copyRow(offsets[head] + bucket, expected, 0);
                        assertArrayEquals(expected, reader.row(1, order, orderHead, bucket).vector(),
                                "order " + order + " head " + orderHead + " bucket " + bucket);
                    }
                }
            }
            assertEquals(4, reader.manifest().shards().size());
        }
    }

    @Test
    void tableFolderModelGivesSameLogits() throws Exception {
        Path model = temp.resolve("model");
        try (TrainableModel trainable = TrainableModel.initialize(
                GoldenGradientsTest.golden().resolve("tiny-engram").resolve("config.json"), 3)) {
            trainable.save(model);
            TrainedTables.write(trainable, model.resolve("tables"), model.resolve("compressed_vocab.json"));
        }
        Path fromFolder = Files.createDirectories(temp.resolve("from-folder"));
        for (String file : new String[] {"model.safetensors", "compressed_vocab.json"}) {
            Files.copy(model.resolve(file), fromFolder.resolve(file));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(model.resolve("config.json").toFile());
        ((ObjectNode) config.get("engram")).put("table_dir", model.resolve("tables").toAbsolutePath().toString());
        Files.write(fromFolder.resolve("config.json"), json.writeValueAsBytes(config));

        try (EngramModel safetensors = EngramModel.load(model, new ScalarKernels(), false);
                EngramModel folder = EngramModel.load(fromFolder, new ScalarKernels(), false)) {
            assertArrayEquals(safetensors.forward(safetensors.newState(), IDS), folder.forward(folder.newState(), IDS));
        }
    }
}
