package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.kernels.ScalarKernels;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whole-model gradients of batches of two sequences; the golden files cover a single sequence.
 *
 * <p>The baseline is checked against central finite differences of the loss, one random direction per weight
 * tensor: {@code <gradient, v>} must match {@code (L(w + h v) - L(w - h v)) / 2h} within 2% plus 1e-4, with
 * {@code h = 1e-3} on unit Gaussian directions and the float64-accumulating scalar kernels. Engram models are
 * not checked this way. The gate's signed square root has an unbounded second derivative at a zero score, so
 * a finite difference through a position whose score is near zero can miss by far more than any fixed bound
 * (10% with some seeds). Instead the batch gradient is checked to be the mean of the per-sequence gradients,
 * each of which the golden test pins.
 */
class ModelFiniteDifferenceTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final double STEP = 1e-3;

    private static int[][] randomBatch(Random random, int vocab) {
        int[][] batch = new int[2][13];
        for (int[] sequence : batch) {
            for (int t = 0; t < sequence.length; t++) {
                sequence[t] = random.nextInt(vocab);
            }
        }
        return batch;
    }

    @Test
    void baselineBatchMatchesFiniteDifferences() throws IOException {
        Random random = new Random(SEED);
        int[][] batch = randomBatch(random, 96);
        try (TrainableModel model = TrainableModel.load(GoldenGradientsTest.golden().resolve("tiny-baseline"))) {
            ForwardBackward pass = new ForwardBackward(model, new ScalarKernels(), new StepTimer());
            pass.run(batch, true);

            for (Parameter parameter : model.parameters()) {
                float[] direction = gaussian(random, parameter.values().length);
                double analytic = dot(parameter.gradient(), direction);
                float[] saved = parameter.values().clone();
                double numeric = centralDifference(pass, batch, parameter.values(), saved, direction);
                assertNear(analytic, numeric, parameter.name());
            }
        }
    }

    @Test
    void engramBatchGradientIsSequenceMean() throws IOException {
        Random random = new Random(SEED);
        int[][] batch = randomBatch(random, 80);
        try (TrainableModel model = TrainableModel.load(GoldenGradientsTest.golden().resolve("tiny-engram-two-layers"))) {
            ForwardBackward pass = new ForwardBackward(model, new ScalarKernels(), new StepTimer());
            StepResult batchResult = pass.run(batch, true);
            java.util.Map<String, float[]> batchGradients = new java.util.HashMap<>();
            for (Parameter parameter : model.parameters()) {
                batchGradients.put(parameter.name(), parameter.gradient().clone());
            }
            float[][] batchTables = denseTables(model, batchResult);

            model.zeroGradients();
            StepResult first = pass.run(new int[][] {batch[0]}, true);
            float[][] firstTables = denseTables(model, first);
            StepResult second = pass.run(new int[][] {batch[1]}, true);
            float[][] secondTables = denseTables(model, second);

            for (Parameter parameter : model.parameters()) {
                // The second run accumulated onto the first, so the sum of both sequence gradients is in place.
                assertMean(batchGradients.get(parameter.name()), parameter.gradient(), null, parameter.name());
            }
            for (int i = 0; i < batchTables.length; i++) {
                assertMean(batchTables[i], firstTables[i], secondTables[i], "table " + i);
            }
        }
    }

    /** Checks {@code batch == (a + b) / 2}, or {@code batch == a / 2} when {@code b} is null (a is then the sum). */
    private static void assertMean(float[] batch, float[] a, float[] b, String name) {
        for (int i = 0; i < batch.length; i++) {
            double mean = (a[i] + (b == null ? 0 : b[i])) / 2.0;
            assertTrue(Math.abs(batch[i] - mean) <= 1e-6 + 1e-4 * Math.abs(mean), name + " element " + i
                    + ": batch " + batch[i] + ", mean of sequences " + mean + " (seed " + SEED + ")");
        }
    }

    private static float[][] denseTables(TrainableModel model, StepResult result) {
        float[][] dense = new float[model.tables().length][];
        for (int i = 0; i < dense.length; i++) {
            OffHeapTable table = model.tables()[i];
            EngramRowGradients rows = result.rowGradients()[i];
            dense[i] = new float[Math.toIntExact(table.rows() * table.rowWidth())];
            for (int slot = 0; slot < rows.size(); slot++) {
                for (int c = 0; c < rows.rowWidth(); c++) {
                    dense[i][Math.toIntExact(rows.row(slot) * rows.rowWidth()) + c] +=
                            rows.gradients()[slot * rows.rowWidth() + c];
                }
            }
        }
        return dense;
    }

    private static double centralDifference(ForwardBackward pass, int[][] batch, float[] values, float[] saved,
                                            float[] direction) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (saved[i] + STEP * direction[i]);
        }
        double plus = pass.run(batch, false).loss();
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (saved[i] - STEP * direction[i]);
        }
        double minus = pass.run(batch, false).loss();
        System.arraycopy(saved, 0, values, 0, values.length);
        return (plus - minus) / (2 * STEP);
    }

    private static void assertNear(double analytic, double numeric, String name) {
        double bound = 1e-4 + 0.02 * Math.max(Math.abs(analytic), Math.abs(numeric));
        assertTrue(Math.abs(analytic - numeric) <= bound, name + ": backward " + analytic + ", finite difference "
                + numeric + " (seed " + SEED + ")");
    }

    private static float[] gaussian(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
