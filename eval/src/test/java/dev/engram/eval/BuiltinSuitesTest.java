package dev.engram.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.eval.request.EvalItem;
import dev.engram.eval.request.SuiteResolver;
import dev.engram.eval.request.TaskItems;
import dev.engram.eval.score.AsciiTextCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builds each benchmark suite from the real files and checks the first items against the files by eye. */
class BuiltinSuitesTest {
    private static final Path BENCHMARKS = Path.of(System.getProperty("engram.benchmarks.dir", "../../shared/benchmarks"));

    private static List<TaskItems> resolve(String suite, int limit) throws Exception {
        return new SuiteResolver(BENCHMARKS, null, new AsciiTextCodec(), limit).resolve(List.of(suite));
    }

    @Test
    void arcEasyFirstItem() throws Exception {
        EvalItem item = resolve("arc_easy", 2).getFirst().items().getFirst();
        assertEquals("Question: Which statement best explains why photosynthesis is the foundation of most food webs?"
                + "\nAnswer:", item.context());
        assertEquals(0, item.gold());
        assertEquals(" Sunlight is the source of energy for nearly all ecosystems.", item.continuations().get(0));
        assertEquals(1, resolve("arc_easy", 2).getFirst().items().get(1).gold());
    }

    @Test
    void fullSuiteSizesMatchManifest() throws Exception {
        assertEquals(2376, resolve("arc_easy", 0).getFirst().items().size());
        assertEquals(1172, resolve("arc_challenge", 0).getFirst().items().size());
        assertEquals(10042, resolve("hellaswag", 0).getFirst().items().size());
        assertEquals(1838, resolve("piqa", 0).getFirst().items().size());
        assertEquals(1319, resolve("gsm8k", 0).getFirst().items().size());
        List<TaskItems> mmlu = resolve("mmlu", 0);
        assertEquals(57, mmlu.size());
        assertEquals(14042, mmlu.stream().mapToInt(t -> t.items().size()).sum());
        List<TaskItems> bbh = resolve("bbh", 0);
        assertEquals(27, bbh.size());
        assertEquals(6511, bbh.stream().mapToInt(t -> t.items().size()).sum());
    }

    @Test
    void hellaswagAndPiqaGold() throws Exception {
        EvalItem hellaswag = resolve("hellaswag", 1).getFirst().items().getFirst();
        assertEquals("Roof shingle removal: A man is sitting on a roof. he", hellaswag.context());
        assertEquals(3, hellaswag.gold());
        assertEquals(4, hellaswag.choices().size());
        EvalItem piqa = resolve("piqa", 1).getFirst().items().getFirst();
        assertEquals(0, piqa.gold());
        assertEquals(2, piqa.choices().size());
    }

    @Test
    void mmluIsFiveShotFromDev() throws Exception {
        TaskItems anatomy = resolve("mmlu", 1).stream().filter(t -> t.task().name().equals("mmlu_anatomy"))
                .findFirst().orElseThrow();
        EvalItem item = anatomy.items().getFirst();
        assertTrue(item.context().startsWith("The following are multiple choice questions (with answers) about "
                + "anatomy.\n\n"), item.context());
        assertEquals(6, item.context().split("\nAnswer:").length);
        assertEquals(List.of(" A", " B", " C", " D"), item.continuations());
        assertEquals("mmlu", anatomy.task().group());
    }

    @Test
    void generationSuitesCarryTargets() throws Exception {
        EvalItem gsm8k = resolve("gsm8k", 1).getFirst().items().getFirst();
        assertTrue(gsm8k.target().endsWith("#### 18"), gsm8k.target());
        assertEquals(7, gsm8k.context().split("Question:").length, "five shots and the question");
        EvalItem bbh = resolve("bbh", 1).getFirst().items().getFirst();
        assertEquals("bbh_boolean_expressions", bbh.task());
        assertEquals("False", bbh.target());
    }
}
