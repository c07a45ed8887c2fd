package dev.engram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.kernels.Kernels;
import dev.engram.kernels.ScalarKernels;
import dev.engram.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of each golden model's {@code expected-logits.json} (written by an independent reference
 * implementation) must be reproduced within the file's tolerance, by prefill, by token-by-token decoding,
 * and by batched prefill, on both kernel backends.
 */
class GoldenParityTest {

    static Stream<Arguments> modelsAndBackends() {
        return GoldenModels.names().flatMap(name -> Stream.of(Arguments.of(name, "scalar"), Arguments.of(name, "vector")));
    }

    private static EngramModel load(String name, String backend) throws Exception {
        Kernels kernels = backend.equals("scalar") ? new ScalarKernels() : new VectorKernels(2);
        return EngramModel.load(GoldenModels.folder(name), kernels, true);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void prefillMatchesGoldenLogits(String name, String backend) throws Exception {
        GoldenModels.Expected expected = GoldenModels.expected(name);
        try (EngramModel model = load(name, backend)) {
            for (GoldenModels.Case golden : expected.cases()) {
                float[] logits = model.forward(model.newState(), golden.ids());
                for (int t = 0; t < golden.ids().length; t++) {
                    assertRowClose(golden.logits()[t], logits, t, expected.tolerance(),
                            name + " prefill of " + Arrays.toString(golden.ids()) + " at position " + t);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void decodeMatchesGoldenLogits(String name, String backend) throws Exception {
        GoldenModels.Expected expected = GoldenModels.expected(name);
        try (EngramModel model = load(name, backend)) {
            for (GoldenModels.Case golden : expected.cases()) {
                InferenceState state = model.newState();
                for (int t = 0; t < golden.ids().length; t++) {
                    float[] logits = model.forward(state, new int[] {golden.ids()[t]});
                    assertRowClose(golden.logits()[t], logits, 0, expected.tolerance(),
                            name + " decode of " + Arrays.toString(golden.ids()) + " at position " + t);
                }
                assertEquals(golden.ids().length, state.position());
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void chunkedPrefillMatchesGoldenLogits(String name, String backend) throws Exception {
        GoldenModels.Expected expected = GoldenModels.expected(name);
        try (EngramModel model = load(name, backend)) {
            for (GoldenModels.Case golden : expected.cases()) {
                int[] ids = golden.ids();
                InferenceState state = model.newState();
                // Uneven chunks cross the n-gram context and the convolution history at odd offsets.
                int position = 0;
                int chunk = 1;
                while (position < ids.length) {
                    int end = Math.min(ids.length, position + chunk);
                    float[] logits = model.forward(state, Arrays.copyOfRange(ids, position, end));
                    for (int t = position; t < end; t++) {
                        assertRowClose(golden.logits()[t], logits, t - position, expected.tolerance(),
                                name + " chunk ending at " + end + ", position " + t);
                    }
                    position = end;
                    chunk = chunk % 5 + 2;
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void batchPrefillMatchesGoldenLogits(String name, String backend) throws Exception {
        GoldenModels.Expected expected = GoldenModels.expected(name);
        try (EngramModel model = load(name, backend)) {
            List<int[]> batch = new ArrayList<>();
            expected.cases().forEach(golden -> batch.add(golden.ids()));
            List<float[]> logits = model.prefill(batch);
            for (int i = 0; i < batch.size(); i++) {
                GoldenModels.Case golden = expected.cases().get(i);
                for (int t = 0; t < golden.ids().length; t++) {
                    assertRowClose(golden.logits()[t], logits.get(i), t, expected.tolerance(),
                            name + " batch sequence " + i + " at position " + t);
                }
            }
            if (model.config().hasEngram()) {
                double hitRate = model.prefetchHitRate();
                assertTrue(hitRate >= 0, "hit rate " + hitRate);
                assertTrue(hitRate <= 1, "hit rate " + hitRate);
            }
        }
    }

    private static void assertRowClose(float[] expected, float[] actual, int row, double tolerance, String what) {
        int vocab = expected.length;
        double worst = 0;
        int worstIndex = -1;
        for (int v = 0; v < vocab; v++) {
            double error = Math.abs(expected[v] - actual[row * vocab + v]);
            if (!(error <= worst)) {
                worst = error;
                worstIndex = v;
            }
        }
        assertTrue(worst <= tolerance, what + ": max |error| " + worst + " at vocab index " + worstIndex
                + " exceeds tolerance " + tolerance);
    }
}
