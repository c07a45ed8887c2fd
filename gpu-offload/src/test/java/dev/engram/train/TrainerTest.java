package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training runs of the tiny golden Engram architecture (vocabulary 96, hidden 32, three layers, Engram at
 * layer 1) from fresh weights on synthetic documents in which each token mostly determines the next one, so
 * a working trainer must drive the loss well below the uniform {@code ln 96 = 4.56}.
 */
class TrainerTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** Documents from a fixed random successor table, with 10% of tokens drawn uniformly. */
    private static List<int[]> documents(int count, int length) {
        Random random = new Random(7);
        int[] successor = new int[96];
        for (int i = 0; i < successor.length; i++) {
            successor[i] = 1 + random.nextInt(95);
        }
        List<int[]> documents = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            int[] ids = new int[length];
            ids[0] = 1 + random.nextInt(95);
            for (int t = 1; t < length; t++) {
                ids[t] = random.nextInt(10) == 0 ? 1 + random.nextInt(95) : successor[ids[t - 1]];
            }
            documents.add(ids);
        }
        return documents;
    }

    private static Path modelConfig(Path folder) throws IOException {
        Path golden = GoldenGradientsTest.golden().resolve("tiny-engram");
        Files.createDirectories(folder);
        Files.copy(golden.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(golden.resolve("compressed_vocab.json"), folder.resolve("compressed_vocab.json"));
        return folder.resolve("config.json");
    }

    private static TrainingOptions options(int steps, int checkpointEvery) {
        return new TrainingOptions(steps, 4, 24, 1e-2, 1e-3, 2, 0.1, 0.9, 0.95, 1e-8, 1.0, 5.0, 11, 0, 2,
                checkpointEvery, 5);
    }

    @Test
    void lossFallsOnLearnableData(@TempDir Path folder) throws IOException {
        TokenBatches data = new TokenBatches(documents(20, 200), 5, -1, 24, 4, 11);
        try (TrainableModel model = TrainableModel.initialize(modelConfig(folder.resolve("config")), 11);
             VectorKernels kernels = new VectorKernels(2)) {
            Trainer trainer = new Trainer(model, kernels, options(60, 0), data);
            double before = trainer.validate();
            TrainingSummary summary = trainer.train(folder.resolve("out"), false);

            assertTrue(before > 4.0, "validation loss of fresh weights is near ln 96, got " + before);
            assertTrue(summary.validationLoss() < 3.0, "validation loss after 60 steps, got " + summary.validationLoss()
                    + " (seed " + SEED + ")");
            assertEquals(60, Files.readAllLines(folder.resolve("out").resolve(Trainer.LOG_FILE)).size());
            try (EngramModel saved = EngramModel.load(folder.resolve("out"))) {
                assertEquals(96, saved.forward(saved.newState(), new int[] {3, 4, 5}).length / 3);
            }
        }
    }

    @Test
    void resumeRepeatsUninterruptedRun(@TempDir Path folder) throws IOException {
        Path config = modelConfig(folder.resolve("config"));
        TokenBatches data = new TokenBatches(documents(20, 200), 5, -1, 24, 4, 11);
        double[] uninterrupted;
        double uninterruptedValidation;
        try (TrainableModel model = TrainableModel.initialize(config, 11);
             VectorKernels kernels = new VectorKernels(2)) {
            TrainingSummary summary = new Trainer(model, kernels, options(8, 0), data).train(folder.resolve("a"), false);
            uninterrupted = summary.trainLosses();
            uninterruptedValidation = summary.validationLoss();
        }

        double[] firstHalf;
        try (TrainableModel model = TrainableModel.initialize(config, 11);
             VectorKernels kernels = new VectorKernels(2)) {
            firstHalf = new Trainer(model, kernels, options(8, 0), data).train(folder.resolve("b"), false, 4)
                    .trainLosses();
        }
        TrainingSummary secondHalf;
        try (TrainableModel model = TrainableModel.load(Trainer.checkpointFolder(folder.resolve("b")));
             VectorKernels kernels = new VectorKernels(2)) {
            secondHalf = new Trainer(model, kernels, options(8, 0), data).train(folder.resolve("b"), true);
        }

        double[] resumed = new double[8];
        System.arraycopy(firstHalf, 0, resumed, 0, 4);
        System.arraycopy(secondHalf.trainLosses(), 0, resumed, 4, 4);
        assertArrayEquals(uninterrupted, resumed, "losses per step, uninterrupted vs stopped at 4 and resumed");
        assertEquals(uninterruptedValidation, secondHalf.validationLoss(), "final validation loss");
        assertEquals(8, Files.readAllLines(folder.resolve("b").resolve(Trainer.LOG_FILE)).size(), "log lines");
        assertArrayEquals(Files.readAllBytes(folder.resolve("a").resolve("model.safetensors")),
                Files.readAllBytes(folder.resolve("b").resolve("model.safetensors")), "final weights");
    }

    @Test
    void tableRowsOutsideBatchStayUnchanged(@TempDir Path folder) throws IOException {
        TokenBatches data = new TokenBatches(documents(20, 200), 5, -1, 24, 4, 11);
        try (TrainableModel model = TrainableModel.initialize(modelConfig(folder.resolve("config")), 11);
             VectorKernels kernels = new VectorKernels(2)) {
            OffHeapTable table = model.tables()[0];
            float[] before = new float[Math.toIntExact(table.rows() * table.rowWidth())];
            for (long r = 0; r < table.rows(); r++) {
                table.copyRow(r, before, Math.toIntExact(r * table.rowWidth()));
            }
            StepResult touched = new ForwardBackward(model, kernels, new StepTimer()).run(data.trainBatch(0), true);
            model.zeroGradients();
            new Trainer(model, kernels, options(1, 0), data).train(folder.resolve("out"), false);

            java.util.Set<Long> rows = new java.util.HashSet<>();
            for (int slot = 0; slot < touched.rowGradients()[0].size(); slot++) {
                rows.add(touched.rowGradients()[0].row(slot));
            }
            float[] row = new float[table.rowWidth()];
            int changed = 0;
            for (long r = 0; r < table.rows(); r++) {
                table.copyRow(r, row, 0);
                boolean same = java.util.Arrays.equals(row, java.util.Arrays.copyOfRange(before,
                        Math.toIntExact(r * table.rowWidth()), Math.toIntExact((r + 1) * table.rowWidth())));
                if (!rows.contains(r)) {
                    assertTrue(same, "row " + r + " was not read by the step but changed");
                } else if (!same) {
                    changed++;
                }
            }
            assertEquals(rows.size(), changed, "every row the step read was updated");
        }
    }
}
