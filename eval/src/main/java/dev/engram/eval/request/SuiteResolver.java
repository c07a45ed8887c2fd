package dev.engram.eval.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.data.DocumentReader;
import dev.engram.eval.data.TaskFiles;
import dev.engram.eval.score.TextCodec;
import dev.engram.eval.synth.Corpus;
import dev.engram.eval.synth.ItemGenerators;
import dev.engram.eval.task.BuiltinTasks;
import dev.engram.eval.task.DatasetSpec;
import dev.engram.eval.task.FewShotSpec;
import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.task.TaskLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns suite names into tasks with items. A name is a built-in suite or the path of a task file. A task
 * whose dataset path has a {@code *} becomes a group of subtasks named {@code task_<match>}, and each
 * document gets a {@code subtask} field holding the match so templates can name it.
 *
 * @param benchmarks folder that relative dataset paths resolve against
 * @param corpus     held-out corpus for the generated suites, or null
 * @param limit      if positive, only the first {@code limit} documents of each (sub)task
 */
public record SuiteResolver(Path benchmarks, Corpus corpus, TextCodec codec, int limit) {

    public List<TaskItems> resolve(List<String> suites) throws IOException {
        List<TaskConfig> tasks = new ArrayList<>();
        for (String suite : suites) {
            tasks.add(load(suite));
        }
        return resolveConfigs(tasks);
    }

    /** Loads a suite's task config: a built-in name, or the path of a task file ending in .yaml, .yml or .json. */
    public static TaskConfig load(String suite) throws IOException {
        return suite.endsWith(".yaml") || suite.endsWith(".yml") || suite.endsWith(".json")
                ? TaskLoader.parse(Files.readString(Path.of(suite)), suite) : BuiltinTasks.load(suite);
    }

    /** Builds the items of tasks already loaded, for callers that adjust a config (its seed, say) first. */
    public List<TaskItems> resolveConfigs(List<TaskConfig> tasks) throws IOException {
        List<TaskItems> out = new ArrayList<>();
        for (TaskConfig task : tasks) {
            out.addAll(expand(task));
        }
        return out;
    }

    private List<TaskItems> expand(TaskConfig task) throws IOException {
        if (task.generator() != null) {
            if (corpus == null) {
                throw new IllegalArgumentException("suite " + task.name() + " is built from a held-out corpus; "
                        + "pass --corpus FILE with documents excluded from training");
            }
            return List.of(new TaskItems(task, limit(ItemGenerators.generate(task.name(), task.generator(), corpus,
                    codec))));
        }
        DatasetSpec dataset = task.dataset();
        List<TaskItems> out = new ArrayList<>();
        for (TaskFiles.Match match : TaskFiles.expand(benchmarks, dataset.path())) {
            TaskConfig subtask = match.wildcard() == null ? task
                    : task.withName(task.name() + "_" + match.wildcard(), task.name(), dataset, task.fewshot());
            Path labels = dataset.labels() == null ? null : benchmarks.resolve(dataset.labels());
            List<JsonNode> documents = tagged(DocumentReader.read(match.file(), dataset, labels), match.wildcard());
            List<JsonNode> pool = fewshotPool(task, match);
            List<EvalItem> items = new ItemBuilder(subtask, pool)
                    .build(documents, limit > 0 ? limit : documents.size());
            out.add(new TaskItems(subtask, items));
        }
        return out;
    }

    private List<JsonNode> fewshotPool(TaskConfig task, TaskFiles.Match match) throws IOException {
        FewShotSpec fewshot = task.fewshot();
        if (task.numFewshot() == 0 || fewshot.path() == null) {
            return null;
        }
        String path = match.wildcard() == null ? fewshot.path() : fewshot.path().replace("*", match.wildcard());
        Path file = benchmarks.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("few-shot file " + file + " of task " + task.name() + " not found");
        }
        return tagged(DocumentReader.read(file, task.dataset(), null), match.wildcard());
    }

    private static List<JsonNode> tagged(List<JsonNode> documents, String subtask) {
        if (subtask != null) {
            for (JsonNode document : documents) {
                ((ObjectNode) document).put("subtask", subtask);
            }
        }
        return documents;
    }

    private <T> List<T> limit(List<T> list) {
        return limit > 0 && list.size() > limit ? list.subList(0, limit) : list;
    }
}
