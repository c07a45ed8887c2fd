package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.kernels.BlasKernels;
import dev.engram.kernels.Kernels;
import dev.engram.kernels.ScalarKernels;
import dev.engram.kernels.VectorKernels;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.store.SafetensorsTableSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loss and the gradient of every weight, for the one sequence in each golden model's
 * {@code expected-grads.json}, against the float64 autograd values in {@code expected-grads.safetensors}.
 * An element passes when {@code |actual - expected| <= absolute + relative * |expected|}, with both bounds
 * read from the file.
 */
class GoldenGradientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of("tiny-baseline", "tiny-engram", "tiny-engram-two-layers")
                .flatMap(name -> Stream.of(Arguments.of(name, "scalar"), Arguments.of(name, "vector"),
                        Arguments.of(name, "blas")));
    }

    @ParameterizedTest(name = "{0} on {1} kernels")
    @MethodSource("cases")
    void gradientsMatchGolden(String name, String backend) throws IOException {
        Path folder = golden().resolve(name);
        JsonNode expected = JSON.readTree(folder.resolve("expected-grads.json").toFile());
        double relative = expected.path("tolerance").path("relative").doubleValue();
        double absolute = expected.path("tolerance").path("absolute").doubleValue();
        int[] sequence = sequence(expected);

        try (TrainableModel model = TrainableModel.load(folder);
             Kernels kernels = kernels(backend);
             SafetensorsFile grads = SafetensorsFile.open(folder.resolve("expected-grads.safetensors"))) {
            StepResult result = new ForwardBackward(model, kernels, new StepTimer()).run(new int[][] {sequence}, true);

            double expectedLoss = expected.path("loss").doubleValue();
            assertEquals(expectedLoss, result.loss(), absolute + relative * Math.abs(expectedLoss), "loss of " + name);
            int checked = 0;
            for (Parameter parameter : model.parameters()) {
                assertClose(grads.readFloats(parameter.name(), parameter.shape()), parameter.gradient(), relative, absolute,
                        name + " " + parameter.name());
                checked++;
            }
            for (int i = 0; i < model.tables().length; i++) {
                String tensor = SafetensorsTableSource.tensorName(model.config().engram().layerIds()[i]);
                assertClose(grads.readFloats(tensor, model.tables()[i].rows(), model.tables()[i].rowWidth()), dense(result.rowGradients()[i], model.tables()[i]), relative,
                        absolute, name + " " + tensor);
                checked++;
            }
            assertEquals(grads.tensors().size(), checked, "every gradient tensor of " + name + " is compared");
        }
    }

    /** Returns the backend by name; "blas" may fall back to the Vector API where no native BLAS loads. */
    private static Kernels kernels(String backend) {
        return switch (backend) {
            case "scalar" -> new ScalarKernels();
            case "vector" -> new VectorKernels(2);
            default -> BlasKernels.createOrFallback(2);
        };
    }

    private static void assertClose(float[] expected, float[] actual, double relative, double absolute, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double bound = absolute + relative * Math.abs(expected[i]);
            assertTrue(Math.abs(actual[i] - expected[i]) <= bound,
                    what + " element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    private static float[] dense(EngramRowGradients sparse, OffHeapTable table) {
        float[] out = new float[Math.toIntExact(table.rows() * table.rowWidth())];
        for (int slot = 0; slot < sparse.size(); slot++) {
            System.arraycopy(sparse.gradients(), slot * sparse.rowWidth(), out,
                    Math.toIntExact(sparse.row(slot) * sparse.rowWidth()), sparse.rowWidth());
        }
        return out;
    }

    /** Joins the inputs with the last target: the window whose next-token predictions the file scores. */
    private static int[] sequence(JsonNode expected) {
        JsonNode inputs = expected.path("inputs");
        JsonNode targets = expected.path("targets");
        int[] sequence = new int[inputs.size() + 1];
        for (int i = 0; i < inputs.size(); i++) {
            sequence[i] = inputs.get(i).intValue();
            if (i > 0) {
                assertEquals(inputs.get(i).intValue(), targets.get(i - 1).intValue(), "targets are inputs shifted by one");
            }
        }
        sequence[inputs.size()] = targets.get(targets.size() - 1).intValue();
        return sequence;
    }

    static Path golden() {
        String dir = System.getProperty("engram.golden.dir");
        if (dir == null) {
            throw new IllegalStateException("system property engram.golden.dir is not set; run the tests through Maven");
        }
        return Path.of(dir, "models");
    }
}
