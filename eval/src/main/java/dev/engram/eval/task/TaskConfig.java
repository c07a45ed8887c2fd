package dev.engram.eval.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.eval.template.Template;
import java.util.List;

/**
 * A parsed task file. Field names follow lm-evaluation-harness task YAML where the concept is the same.
 *
 * @param name            task name, the key in results.json
 * @param version         task version; a change invalidates cached scores
 * @param group           group this task reports under, or null
 * @param docToChoice     templates of the answer choices; one template may render the whole list
 * @param targetDelimiter text between prompt and continuation, {@code " "} by default as in the harness
 * @param raw             the task file's content, copied into results.json {@code configs}
 */
public record TaskConfig(String name, String version, String group, OutputType outputType, DatasetSpec dataset,
                         Template docToText, Template docToTarget, List<Template> docToChoice,
                         String targetDelimiter, String fewshotDelimiter, Template description, int numFewshot,
                         FewShotSpec fewshot, GenerationSpec generation, List<MetricSpec> metrics,
                         List<FilterSpec> filters, GeneratorSpec generator, JsonNode raw) {

    public TaskConfig {
        docToChoice = List.copyOf(docToChoice);
        metrics = List.copyOf(metrics);
        filters = List.copyOf(filters);
    }

    /** Returns a copy for one subtask of a group task file. */
    public TaskConfig withName(String subtaskName, String groupName, DatasetSpec subtaskDataset,
                               FewShotSpec subtaskFewshot) {
        return new TaskConfig(subtaskName, version, groupName, outputType, subtaskDataset, docToText, docToTarget,
                docToChoice, targetDelimiter, fewshotDelimiter, description, numFewshot, subtaskFewshot, generation,
                metrics, filters, generator, raw);
    }

    /** Returns the filter names results are reported under, {@code none} when the task has no filters. */
    public List<String> filterNames() {
        return filters.isEmpty() ? List.of("none") : filters.stream().map(FilterSpec::name).toList();
    }
}
