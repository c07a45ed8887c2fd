package dev.engram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.kernels.ScalarKernels;
import org.junit.jupiter.api.Test;

/** Recorded Engram gate values: one per position, in (0, 1), and equal for prefill and token-by-token decoding. */
class GateTraceTest {
    private static final int[] IDS = {5, 17, 9, 33, 2, 71, 40, 12};

    @Test
    void prefillAndDecodeRecordEqualGates() throws Exception {
        try (EngramModel model = EngramModel.load(GoldenModels.folder("tiny-engram-two-layers"), new ScalarKernels(), false)) {
            InferenceState prefill = model.newState();
            prefill.recordGates();
            model.forward(prefill, IDS);

            InferenceState decode = model.newState();
            decode.recordGates();
            for (int id : IDS) {
                model.forward(decode, new int[] {id});
            }

            int engramLayers = model.config().engram().layerIds().length;
            assertEquals(2, engramLayers);
            for (int layer = 0; layer < engramLayers; layer++) {
                float[] prefillGates = prefill.gates(layer);
                float[] decodeGates = decode.gates(layer);
                assertEquals(IDS.length, prefillGates.length);
                for (int t = 0; t < IDS.length; t++) {
                    assertTrue(prefillGates[t] > 0, "gate " + prefillGates[t] + " at " + t);
                    assertTrue(prefillGates[t] < 1, "gate " + prefillGates[t] + " at " + t);
                    assertEquals(prefillGates[t], decodeGates[t], 1e-6, "Engram layer " + layer + " position " + t);
                }
            }
        }
    }

    @Test
    void unrecordedGatesRejected() throws Exception {
        try (EngramModel model = EngramModel.load(GoldenModels.folder("tiny-engram"), new ScalarKernels(), false)) {
            InferenceState state = model.newState();
            model.forward(state, IDS);

            IllegalStateException error = assertThrows(IllegalStateException.class, () -> state.gates(0));

            assertTrue(error.getMessage().contains("recordGates()"), error.getMessage());
        }
    }
}
