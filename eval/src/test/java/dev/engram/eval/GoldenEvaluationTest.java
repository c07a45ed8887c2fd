package dev.engram.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.request.EvalItem;
import dev.engram.eval.request.SuiteResolver;
import dev.engram.eval.request.TaskItems;
import dev.engram.eval.results.ResultsJson;
import dev.engram.eval.results.ScoredSample;
import dev.engram.eval.score.AsciiTextCodec;
import dev.engram.eval.score.EngramLanguageModel;
import dev.engram.eval.score.IdTextCodec;
import dev.engram.eval.score.ItemScore;
import dev.engram.eval.score.ItemScorer;
import dev.engram.eval.synth.Corpus;
import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.task.TaskLoader;
import dev.engram.kernels.ScalarKernels;
import dev.engram.model.EngramModel;
import dev.engram.model.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scores id-level and character-level items on the golden tiny-engram model (vocab 96, no tokenizer). */
class GoldenEvaluationTest {
    private static final Path MODEL = Path.of(System.getProperty("engram.golden.dir", "../../shared/golden"))
            .resolve("models/tiny-engram");

    @TempDir
    Path folder;

    @Test
    void choiceLoglikelihoodsMatchScorer() throws Exception {
        try (EngramModel model = EngramModel.load(MODEL, new ScalarKernels(), false)) {
            ItemScorer scorer = new ItemScorer(new EngramLanguageModel(model), new IdTextCodec(96));
            EvalItem item = new EvalItem("ids", 0, "5 9 14 3", List.of(" 7", " 8 2", " 40 41 42"), List.of("7", "8 2",
                    "40 41 42"), 1, "8 2", Map.of());
            ItemScore score = scorer.score(List.of(item), "multiple_choice", null).getFirst();

            // Reference: the whole sequence through Scorer, summing the continuation's positions.
            double[] expected = {
                    tail(model, new int[] {5, 9, 14, 3, 7}, 1),
                    tail(model, new int[] {5, 9, 14, 3, 8, 2}, 2),
                    tail(model, new int[] {5, 9, 14, 3, 40, 41, 42}, 3)};
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], score.logLikelihoods()[i], 1e-4, "choice " + i);
            }
        }
    }

    private static double tail(EngramModel model, int[] ids, int count) {
        double[] logProbs = new Scorer(model).score(ids).logProbs();
        double total = 0;
        for (int t = ids.length - count; t < ids.length; t++) {
            total += logProbs[t];
        }
        return total;
    }

    @Test
    void rollingLoglikelihoodCoversLongDocuments() throws Exception {
        try (EngramModel model = EngramModel.load(MODEL, new ScalarKernels(), false)) {
            EngramLanguageModel language = new EngramLanguageModel(model);
            int[] shortDoc = {4, 8, 15, 16, 23, 42};
            double reference = new Scorer(model).score(shortDoc).totalLogProb();
            assertEquals(reference, language.loglikelihoodRolling(shortDoc), 1e-4);
            int[] longDoc = new int[150];
            for (int i = 0; i < longDoc.length; i++) {
                longDoc[i] = (i * 7) % 96;
            }
            double total = language.loglikelihoodRolling(longDoc);
            assertTrue(Double.isFinite(total), "total " + total);
            assertTrue(total < 0, "total " + total);
        }
    }

    @Test
    void corpusSuitesRunEndToEnd() throws Exception {
        Path corpusFile = folder.resolve("heldout.txt");
        Files.writeString(corpusFile, """
                The river runs past the old mill every morning. Farmers bring their grain to the market square.
                Children gather near the bridge to watch the boats drift slowly downstream.

                Winter arrives early in the northern valleys. Snow covers the narrow mountain passes quickly.
                Travelers carry lanterns through the forest whenever daylight fades.
                """);
        Path niahFile = folder.resolve("niah_tiny.yaml");
        Files.writeString(niahFile, """
                task: niah_tiny
                version: "1.0"
                output_type: generate_until
                dataset: {format: corpus}
                generator: {kind: niah, variant: multivalue, context_lengths: [40, 60], depths: [0.0, 1.0], samples: 1}
                generation_kwargs: {until: ["\\n"], max_gen_toks: 4}
                metric_list: [{metric: string_match_all}]
                """);
        try (EngramModel model = EngramModel.load(MODEL, new ScalarKernels(), false)) {
            AsciiTextCodec codec = new AsciiTextCodec();
            ItemScorer scorer = new ItemScorer(new EngramLanguageModel(model), codec);
            List<TaskItems> tasks = new SuiteResolver(folder, Corpus.read(corpusFile), codec, 0)
                    .resolve(List.of("perplexity", "cloze", niahFile.toString()));
            assertEquals(4, tasks.get(2).items().size());

            Map<String, List<ScoredSample>> samples = new java.util.LinkedHashMap<>();
            for (TaskItems task : tasks) {
                samples.put(task.task().name(), Evaluation.score(task.task(), task.items(), scorer));
            }
            Evaluation.Aggregated aggregated = Evaluation.aggregate(tasks, samples, 1000);
            Map<String, TaskConfig> configs = new java.util.LinkedHashMap<>();
            tasks.forEach(t -> configs.put(t.task().name(), t.task()));
            ObjectNode json = ResultsJson.build(configs, aggregated.tasks(), aggregated.groups(), Map.of(),
                    Map.of("model", MODEL.toString()), 1.7e9);

            double bitsPerByte = json.path("results").path("perplexity").path("bits_per_byte,none").doubleValue();
            assertTrue(bitsPerByte > 0, "bits per byte " + bitsPerByte);
            assertEquals("N/A", json.path("results").path("perplexity").path("bits_per_byte_stderr,none").textValue());
            assertTrue(json.path("results").path("cloze").path("perplexity_stderr,none").isNumber());
            assertTrue(json.path("results").path("niah_tiny").has("string_match_all,none"));
            assertEquals("1.0", json.path("versions").path("cloze").textValue());
            assertEquals(2, json.path("n-samples").path("perplexity").path("effective").intValue());
            assertFalse(json.path("configs").path("niah_tiny").isMissingNode());
        }
    }

    @Test
    void taskFileWithIdItemsScores() throws Exception {
        Files.writeString(folder.resolve("items.jsonl"), """
                {"prompt": "1 2 3", "options": ["4", "50 60"], "gold": 0}
                {"prompt": "7 7", "options": ["7", "8"], "gold": 1}
                """);
        TaskConfig task = TaskLoader.parse("""
                task: id_choice
                version: "2"
                output_type: multiple_choice
                dataset: {format: jsonl, path: items.jsonl}
                doc_to_text: "{{prompt}}"
                doc_to_choice: "{{options}}"
                doc_to_target: "{{gold}}"
                metric_list: [{metric: acc}, {metric: acc_norm}]
                """, "inline");
        Path taskFile = folder.resolve("id_choice.yaml");
        Files.writeString(taskFile, task.raw().toString());
        try (EngramModel model = EngramModel.load(MODEL, new ScalarKernels(), false)) {
            List<TaskItems> tasks = new SuiteResolver(folder, null, new IdTextCodec(96), 0)
                    .resolve(List.of(taskFile.toString()));
            ItemScorer scorer = new ItemScorer(new EngramLanguageModel(model), new IdTextCodec(96));
            List<ScoredSample> samples = Evaluation.score(tasks.getFirst().task(), tasks.getFirst().items(), scorer);
            assertEquals(2, samples.size());
            double acc = samples.get(0).metrics().get("acc,none").value();
            assertTrue(acc == 0 || acc == 1);
        }
    }
}
