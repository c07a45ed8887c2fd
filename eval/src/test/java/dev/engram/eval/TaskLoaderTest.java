package dev.engram.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.engram.eval.task.BuiltinTasks;
import dev.engram.eval.task.OutputType;
import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.task.TaskConfigException;
import dev.engram.eval.task.TaskLoader;
import org.junit.jupiter.api.Test;

class TaskLoaderTest {
    private static final String VALID = """
            task: t
            version: "1"
            output_type: multiple_choice
            dataset: {format: jsonl, path: x.jsonl}
            doc_to_text: "{{q}}"
            doc_to_choice: "{{c}}"
            doc_to_target: "{{g}}"
            metric_list: [{metric: acc}]
            """;

    @Test
    void everyBuiltinTaskParses() {
        for (String name : BuiltinTasks.NAMES) {
            TaskConfig task = BuiltinTasks.load(name);
            assertEquals(name, task.name());
        }
        assertEquals(OutputType.LOGLIKELIHOOD_ROLLING, BuiltinTasks.load("perplexity").outputType());
    }

    @Test
    void validFileParsesWithHarnessDefaults() {
        TaskConfig task = TaskLoader.parse(VALID, "t.yaml");
        assertEquals(" ", task.targetDelimiter());
        assertEquals("\n\n", task.fewshotDelimiter());
        assertEquals(0, task.numFewshot());
    }

    @Test
    void malformedFilesNameTheField() {
        assertError(VALID.replace("task: t\n", ""), "field task: missing");
        assertError(VALID.replace("multiple_choice", "ranking"), "field output_type:");
        assertError(VALID.replace("format: jsonl", "format: xml"), "field dataset.format:");
        assertError(VALID.replace("metric: acc", "metric: bleu"), "field metric_list[0].metric:");
        assertError(VALID.replace("{{q}}", "{{q"), "field doc_to_text:");
        assertError(VALID + "num_fewshot: -1\n", "field num_fewshot:");
        assertError(VALID + "colour: red\n", "field colour: unknown field");
        assertError(VALID.replace("metric: acc", "metric: exact_match"), "does not apply to output_type");
        assertError("- a\n- b\n", "field (document)");
    }

    private static void assertError(String text, String expected) {
        TaskConfigException error = assertThrows(TaskConfigException.class, () -> TaskLoader.parse(text, "t.yaml"));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
        assertEquals(true, error.getMessage().startsWith("task file t.yaml: "), error.getMessage());
    }
}
