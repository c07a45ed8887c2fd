package dev.engram.eval.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.eval.task.OutputType;
import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the prompt of each document the way lm-evaluation-harness does: description, then the few-shot
 * examples ({@code doc_to_text + target_delimiter + target}, joined by {@code fewshot_delimiter}), then the
 * fewshot delimiter and the document's {@code doc_to_text}.
 *
 * <p>Random few-shot draws are seeded with {@code fewshot.seed + docId}, so a document's prompt does not
 * depend on which other documents are evaluated or in which order. The harness instead draws from one
 * seeded generator in document order, so its prompts differ from these while following the same rule.
 */
public final class ItemBuilder {
    private final TaskConfig task;
    private final List<JsonNode> fewshotPool;

    /**
     * @param fewshotPool documents to draw examples from; when null, examples come from the evaluated
     *                    documents, skipping the one being asked
     */
    public ItemBuilder(TaskConfig task, List<JsonNode> fewshotPool) {
        this.task = task;
        this.fewshotPool = fewshotPool;
    }

    /** Builds items for all documents. */
    public List<EvalItem> build(List<JsonNode> documents) {
        return build(documents, documents.size());
    }

    /**
     * Builds items for the first {@code count} documents; few-shot examples may still come from any of them,
     * so a limited run builds the same prompts as a full one.
     */
    public List<EvalItem> build(List<JsonNode> documents, int count) {
        List<EvalItem> items = new ArrayList<>(Math.min(count, documents.size()));
        for (int docId = 0; docId < Math.min(count, documents.size()); docId++) {
            items.add(build(docId, documents.get(docId), documents));
        }
        return items;
    }

    private EvalItem build(int docId, JsonNode document, List<JsonNode> documents) {
        try {
            return switch (task.outputType()) {
                case MULTIPLE_CHOICE -> multipleChoice(docId, document, documents);
                case LOGLIKELIHOOD, GENERATE_UNTIL -> withTarget(docId, document, documents);
                case LOGLIKELIHOOD_ROLLING -> new EvalItem(task.name(), docId, "", List.of(), List.of(), -1,
                        task.docToTarget().render(document), Map.of());
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + task.name() + " document " + docId + ": " + e.getMessage(), e);
        }
    }

    private EvalItem multipleChoice(int docId, JsonNode document, List<JsonNode> documents) {
        List<String> choices = choices(document);
        int gold = task.docToTarget().renderInt(document);
        if (gold < 0 || gold >= choices.size()) {
            throw new IllegalArgumentException("gold index " + gold + " is outside the " + choices.size() + " choices");
        }
        List<String> continuations = choices.stream().map(choice -> task.targetDelimiter() + choice).toList();
        return new EvalItem(task.name(), docId, context(docId, document, documents), continuations, choices, gold,
                choices.get(gold), Map.of());
    }

    private EvalItem withTarget(int docId, JsonNode document, List<JsonNode> documents) {
        String target = task.docToTarget().render(document);
        List<String> continuations = task.outputType() == OutputType.LOGLIKELIHOOD
                ? List.of(task.targetDelimiter() + target) : List.of();
        return new EvalItem(task.name(), docId, context(docId, document, documents), continuations, List.of(), -1,
                target, Map.of());
    }

    private List<String> choices(JsonNode document) {
        if (task.docToChoice().size() == 1) {
            return task.docToChoice().getFirst().renderList(document);
        }
        List<String> choices = new ArrayList<>();
        for (Template template : task.docToChoice()) {
            choices.add(template.render(document));
        }
        return choices;
    }

    private String context(int docId, JsonNode document, List<JsonNode> documents) {
        StringBuilder context = new StringBuilder();
        if (task.description() != null) {
            context.append(task.description().render(document));
        }
        List<JsonNode> examples = examples(docId, documents);
        for (JsonNode example : examples) {
            context.append(task.docToText().render(example)).append(task.targetDelimiter())
                    .append(exampleTarget(example)).append(task.fewshotDelimiter());
        }
        return context.append(task.docToText().render(document)).toString();
    }

    private String exampleTarget(JsonNode example) {
        if (task.outputType() == OutputType.MULTIPLE_CHOICE) {
            return choices(example).get(task.docToTarget().renderInt(example));
        }
        return task.docToTarget().render(example);
    }

    private List<JsonNode> examples(int docId, List<JsonNode> documents) {
        int count = task.numFewshot();
        if (count == 0) {
            return List.of();
        }
        boolean ownPool = fewshotPool == null;
        List<JsonNode> pool = ownPool ? documents : fewshotPool;
        int available = ownPool ? pool.size() - 1 : pool.size();
        if (available < count) {
            throw new IllegalArgumentException("num_fewshot " + count + " needs " + count
                    + " example documents, but only " + available + " are available");
        }
        List<Integer> indexes = new ArrayList<>();
        if (task.fewshot().sampler().equals("first_n")) {
            for (int i = 0; indexes.size() < count; i++) {
                if (!(ownPool && i == docId)) {
                    indexes.add(i);
                }
            }
        } else {
            Random random = new Random(task.fewshot().seed() + docId);
            java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < count) {
                int i = random.nextInt(pool.size());
                if (!(ownPool && i == docId)) {
                    chosen.add(i);
                }
            }
            indexes.addAll(chosen);
        }
        return indexes.stream().map(pool::get).toList();
    }
}
