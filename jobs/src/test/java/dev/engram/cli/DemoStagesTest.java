package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.eval.task.BuiltinTasks;
import dev.engram.model.EngramConfig;
import dev.engram.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pieces that need no Spark: model config, suite selection, held-out corpus and summary table. */
class DemoStagesTest {

    @TempDir
    Path temp;

    @Test
    void modelConfigMatchesTableFlags() throws Exception {
        Path tokenizer = Path.of(System.getProperty("engram.assets.dir"), "deepseek-v3-tokenizer", "tokenizer.json");
        assertTrue(Files.isRegularFile(tokenizer), "DeepSeek-V3 tokenizer not found at " + tokenizer
                + "; run ./engram assets first");

        Path file = DemoModelConfig.write(tokenizer, temp.resolve("config"));

        ModelConfig config = ModelConfig.read(file);
        EngramConfig engram = config.engram();
        List<String> flags = DemoModelConfig.buildTablesFlags();
        assertEquals(128_815, config.vocabSize());
        assertTrue(Files.isRegularFile(file.resolveSibling(engram.compressedVocab())), "compressed vocabulary beside config");
        assertArrayEquals(new int[] {Integer.parseInt(flag(flags, "--layers"))}, engram.layerIds());
        assertEquals(Integer.parseInt(flag(flags, "--max-ngram")), engram.maxNgramSize());
        assertEquals(Integer.parseInt(flag(flags, "--heads")), engram.headsPerNgram());
        assertEquals(Integer.parseInt(flag(flags, "--head-dim")), engram.headDim());
        assertEquals(flag(flags, "--table-sizes"), engram.tableSizePerNgram()[0] + "," + engram.tableSizePerNgram()[1]);
        assertEquals(Long.parseLong(flag(flags, "--seed")), engram.seed());
        assertEquals(Integer.parseInt(flag(flags, "--pad-token-id")), engram.padTokenId());
    }

    @Test
    void suitesWithoutBenchmarksKeepCorpusSuites() {
        List<String> runnable = DemoEvaluation.runnableSuites(BuiltinTasks.NAMES, null);

        assertEquals(List.of("perplexity", "cloze", "niah_single", "niah_multikey", "niah_multivalue",
                "niah_multiquery"), runnable);
        assertEquals(BuiltinTasks.NAMES, DemoEvaluation.runnableSuites(BuiltinTasks.NAMES, temp));
    }

    @Test
    void suitesOnlyFromFilesWithoutBenchmarksRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DemoEvaluation.runnableSuites(List.of("arc_easy", "mmlu"), null));

        assertTrue(error.getMessage().contains("--benchmarks DIR"), error.getMessage());
    }

    @Test
    void unknownSuiteRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DemoEvaluation.checkSuites(List.of("perplexity", "no_such_suite")));

        assertTrue(error.getMessage().contains("unknown suite no_such_suite"), error.getMessage());
    }

    @Test
    void heldOutCorpusBecomesJsonl() throws Exception {
        Path heldOut = Files.createDirectories(temp.resolve("heldout"));
        Files.writeString(heldOut.resolve("b.json"), "{\"year\":1791,\"text\":\"second\\naddress\"}");
        Files.writeString(heldOut.resolve("a.json"), "{\"year\":1790,\"text\":\"first\"}");
        Files.writeString(heldOut.resolve("a.txt"), "not a document");

        Path file = DemoEvaluation.writeHeldOutCorpus(heldOut, temp.resolve("heldout.jsonl"));

        assertEquals(List.of("{\"text\":\"first\"}", "{\"text\":\"second\\naddress\"}"), Files.readAllLines(file));
        assertTrue(Files.notExists(temp.resolve("heldout.jsonl.tmp")), "staging file renamed");
    }

    @Test
    void summaryShowsGroupsInsteadOfSubtasks() throws Exception {
        Path baseline = writeResults("baseline", 0.25, 2104.2);
        Path engram = writeResults("engram", 0.5, 2369.0);

        String table = DemoReport.summaryTable(baseline, engram);

        assertEquals("""
                | suite      | metric          | baseline | engram |
                | ---------- | --------------- | -------: | -----: |
                | mmlu       | acc             |   0.2500 | 0.5000 |
                | perplexity | word_perplexity |     2104 |   2369 |
                """, table);
    }

    private Path writeResults(String name, double accuracy, double perplexity) throws Exception {
        Path run = Files.createDirectories(temp.resolve(name));
        Files.writeString(run.resolve("results.json"), """
                {"results": {"mmlu_anatomy": {"acc,none": %s, "acc_stderr,none": 0.1},
                             "perplexity": {"word_perplexity,none": %s, "word_perplexity_stderr,none": "N/A"}},
                 "groups": {"mmlu": {"acc,none": %s, "acc_stderr,none": 0.1}},
                 "group_subtasks": {"mmlu": ["mmlu_anatomy"]}}
                """.formatted(accuracy, perplexity, accuracy));
        return run;
    }

    private static String flag(List<String> flags, String name) {
        return flags.get(flags.indexOf(name) + 1);
    }
}
