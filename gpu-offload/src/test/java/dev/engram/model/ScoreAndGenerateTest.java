package dev.engram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreAndGenerateTest {

    @Test
    void scoresMatchLogSoftmaxOfGoldenLogits() throws Exception {
        GoldenModels.Expected expected = GoldenModels.expected("tiny-engram");
        GoldenModels.Case golden = expected.cases().get(3);
        try (EngramModel model = EngramModel.load(GoldenModels.folder("tiny-engram"), new VectorKernels(1), true)) {
            TokenScores scores = new Scorer(model).score(golden.ids());
            assertTrue(Double.isNaN(scores.logProbs()[0]));
            double total = 0;
            for (int t = 1; t < golden.ids().length; t++) {
                float[] row = golden.logits()[t - 1];
                double expectedLogProb = Scorer.logSoftmaxAt(row, 0, row.length, golden.ids()[t]);
                assertEquals(expectedLogProb, scores.logProbs()[t], 1e-4, "log-prob at position " + t);
                total += expectedLogProb;
            }
            assertEquals(Math.exp(-total / (golden.ids().length - 1)), scores.perplexity(), 1e-3);
        }
    }

    @Test
    void greedyGenerationFollowsArgMaxOfPrefill() throws Exception {
        int[] prompt = {5, 7, 9};
        try (EngramModel model = EngramModel.load(GoldenModels.folder("tiny-engram-two-layers"),
                new VectorKernels(1), true)) {
            List<Integer> streamed = new ArrayList<>();
            int[] generated = new Generator(model).generate(prompt, 6, new Sampler(0, 1, 0), id -> streamed.add(id));
            assertEquals(6, generated.length);
            assertEquals(6, streamed.size());

            // Each generated token must be the arg max of a fresh prefill over everything before it.
            int[] sequence = new int[prompt.length + generated.length];
            System.arraycopy(prompt, 0, sequence, 0, prompt.length);
            System.arraycopy(generated, 0, sequence, prompt.length, generated.length);
            float[] logits = model.forward(model.newState(), sequence);
            int vocab = model.config().vocabSize();
            for (int i = 0; i < generated.length; i++) {
                int row = prompt.length - 1 + i;
                int best = 0;
                for (int v = 1; v < vocab; v++) {
                    if (logits[row * vocab + v] > logits[row * vocab + best]) {
                        best = v;
                    }
                }
                assertEquals(best, generated[i], "generated token " + i);
            }
        }
    }

    @Test
    void seededSamplingRepeats() {
        float[] logits = {0.1f, 2f, -1f, 1.5f, 0.3f};
        int[] first = new int[20];
        int[] second = new int[20];
        Sampler a = new Sampler(0.8, 0.9, 42);
        Sampler b = new Sampler(0.8, 0.9, 42);
        for (int i = 0; i < 20; i++) {
            first[i] = a.sample(logits, 0, logits.length);
            second[i] = b.sample(logits, 0, logits.length);
        }
        assertArrayEquals(first, second);
    }

    @Test
    void smallTopPKeepsOnlyMostLikelyToken() {
        float[] logits = {0.1f, 2f, -1f, 1.5f};
        Sampler sampler = new Sampler(1.0, 0.01, 7);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, sampler.sample(logits, 0, logits.length));
        }
    }
}
