package dev.engram.eval.task;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.engram.eval.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses task files, YAML or JSON (JSON is a subset of YAML, so one parser reads both). Fields not listed
 * here are errors, so a misspelt key never silently falls back to a default.
 */
public final class TaskLoader {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_FIELDS = Set.of("task", "version", "group", "output_type", "dataset",
            "doc_to_text", "doc_to_target", "doc_to_choice", "target_delimiter", "fewshot_delimiter",
            "description", "num_fewshot", "fewshot", "generation_kwargs", "metric_list", "filter_list",
            "generator");
    private static final Set<String> FORMATS = Set.of("jsonl", "json", "csv", "hellaswag", "corpus");
    private static final Set<String> METRICS = Set.of("acc", "acc_norm", "exact_match", "perplexity",
            "word_perplexity", "byte_perplexity", "bits_per_byte", "string_match_all");
    private static final Map<OutputType, Set<String>> METRICS_BY_TYPE = Map.of(
            OutputType.MULTIPLE_CHOICE, Set.of("acc", "acc_norm"),
            OutputType.LOGLIKELIHOOD, Set.of("acc", "perplexity"),
            OutputType.LOGLIKELIHOOD_ROLLING, Set.of("word_perplexity", "byte_perplexity", "bits_per_byte"),
            OutputType.GENERATE_UNTIL, Set.of("exact_match", "string_match_all"));

    private TaskLoader() {
    }

    /**
     * Parses one task file's text.
     *
     * @param source name of the file, used in error messages
     * @throws TaskConfigException naming the field when the file is malformed
     */
    public static TaskConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new TaskConfigException(source, "(document)", "invalid YAML: " + e.getOriginalMessage());
        }
        TaskFields fields = new TaskFields(source);
        if (root == null || !root.isObject()) {
            throw fields.invalid("(document)", "expected a mapping of fields");
        }
        fields.rejectUnknown(root, "", TOP_FIELDS);

        String name = fields.requiredString(root, "", "task");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw fields.invalid("task", "expected letters, digits, _ . or -, got \"" + name + "\"");
        }
        String version = fields.requiredString(root, "", "version");
        String outputName = fields.requiredString(root, "", "output_type");
        OutputType outputType = OutputType.fromFileName(outputName);
        if (outputType == null) {
            throw fields.invalid("output_type", "expected one of multiple_choice, loglikelihood, "
                    + "loglikelihood_rolling, generate_until, got \"" + outputName + "\"");
        }
        DatasetSpec dataset = dataset(fields, root);
        GeneratorSpec generator = generator(fields, root, dataset);
        boolean needsTemplates = generator == null;

        Template docToText = fields.template(root, "", "doc_to_text", needsTemplates
                && outputType != OutputType.LOGLIKELIHOOD_ROLLING);
        Template docToTarget = fields.template(root, "", "doc_to_target", needsTemplates);
        List<Template> docToChoice = choices(fields, root, outputType, needsTemplates);
        int numFewshot = fields.optionalInt(root, "", "num_fewshot", 0, 0);
        List<MetricSpec> metrics = metrics(fields, root, outputType);

        return new TaskConfig(name, version, fields.optionalString(root, "", "group", null), outputType, dataset,
                docToText, docToTarget, docToChoice, fields.optionalString(root, "", "target_delimiter", " "),
                fields.optionalString(root, "", "fewshot_delimiter", "\n\n"),
                fields.template(root, "", "description", false), numFewshot, fewshot(fields, root),
                generation(fields, root, outputType), metrics, filters(fields, root), generator, root);
    }

    private static DatasetSpec dataset(TaskFields fields, JsonNode root) {
        JsonNode node = fields.optionalObject(root, "", "dataset");
        if (node == null) {
            throw fields.invalid("dataset", "missing");
        }
        fields.rejectUnknown(node, "dataset.", Set.of("format", "path", "records", "labels"));
        String format = fields.choice(node, "dataset.", "format", null, FORMATS);
        String path = "corpus".equals(format) ? fields.optionalString(node, "dataset.", "path", null)
                : fields.requiredString(node, "dataset.", "path");
        if (path != null && path.indexOf('*') != path.lastIndexOf('*')) {
            throw fields.invalid("dataset.path", "at most one * is allowed, got \"" + path + "\"");
        }
        String records = fields.optionalString(node, "dataset.", "records", null);
        if ("json".equals(format) && records == null) {
            throw fields.invalid("dataset.records", "missing; format json needs the field that holds the documents");
        }
        return new DatasetSpec(format, path, records, fields.optionalString(node, "dataset.", "labels", null));
    }

    private static GeneratorSpec generator(TaskFields fields, JsonNode root, DatasetSpec dataset) {
        JsonNode node = fields.optionalObject(root, "", "generator");
        if (node == null) {
            if ("corpus".equals(dataset.format())) {
                throw fields.invalid("generator", "missing; dataset format corpus needs a generator");
            }
            return null;
        }
        if (!"corpus".equals(dataset.format())) {
            throw fields.invalid("generator", "only allowed with dataset format corpus");
        }
        fields.rejectUnknown(node, "generator.", Set.of("kind", "variant", "context_lengths", "depths",
                "samples", "seed"));
        String kind = fields.choice(node, "generator.", "kind", null, Set.of("perplexity", "cloze", "niah"));
        String variant = null;
        List<Integer> lengths = new ArrayList<>();
        List<Double> depths = new ArrayList<>();
        if (kind.equals("niah")) {
            variant = fields.choice(node, "generator.", "variant", null,
                    Set.of("single", "multikey", "multivalue", "multiquery"));
            List<JsonNode> lengthNodes = fields.optionalList(node, "generator.", "context_lengths");
            for (int i = 0; i < lengthNodes.size(); i++) {
                JsonNode length = lengthNodes.get(i);
                if (!length.isIntegralNumber() || length.intValue() < 16) {
                    throw fields.invalid("generator.context_lengths[" + i + "]", "expected an integer >= 16 tokens, got "
                            + length);
                }
                lengths.add(length.intValue());
            }
            List<JsonNode> depthNodes = fields.optionalList(node, "generator.", "depths");
            for (int i = 0; i < depthNodes.size(); i++) {
                JsonNode depth = depthNodes.get(i);
                if (!depth.isNumber() || depth.doubleValue() < 0 || depth.doubleValue() > 1) {
                    throw fields.invalid("generator.depths[" + i + "]", "expected a number in [0, 1], got " + depth);
                }
                depths.add(depth.doubleValue());
            }
            if (lengths.isEmpty() || depths.isEmpty()) {
                throw fields.invalid(lengths.isEmpty() ? "generator.context_lengths" : "generator.depths",
                        "missing; niah needs at least one context length and one depth");
            }
        }
        int samples = fields.optionalInt(node, "generator.", "samples", 100, 1);
        long seed = fields.optionalInt(node, "generator.", "seed", 0, 0);
        return new GeneratorSpec(kind, variant, lengths, depths, samples, seed);
    }

    private static List<Template> choices(TaskFields fields, JsonNode root, OutputType type, boolean required) {
        JsonNode node = root.get("doc_to_choice");
        if (type != OutputType.MULTIPLE_CHOICE) {
            if (node != null) {
                throw fields.invalid("doc_to_choice", "only allowed with output_type multiple_choice");
            }
            return List.of();
        }
        if (node == null) {
            if (required) {
                throw fields.invalid("doc_to_choice", "missing; multiple_choice needs the answer choices");
            }
            return List.of();
        }
        if (node.isArray()) {
            List<Template> templates = new ArrayList<>();
            List<String> texts = fields.stringList(root, "", "doc_to_choice");
            for (int i = 0; i < texts.size(); i++) {
                templates.add(fields.template(texts.get(i), "doc_to_choice[" + i + "]"));
            }
            return templates;
        }
        return List.of(fields.template(root, "", "doc_to_choice", true));
    }

    private static FewShotSpec fewshot(TaskFields fields, JsonNode root) {
        JsonNode node = fields.optionalObject(root, "", "fewshot");
        if (node == null) {
            return new FewShotSpec(null, "random", 1234);
        }
        fields.rejectUnknown(node, "fewshot.", Set.of("path", "sampler", "seed"));
        return new FewShotSpec(fields.optionalString(node, "fewshot.", "path", null),
                fields.choice(node, "fewshot.", "sampler", "random", Set.of("random", "first_n")),
                fields.optionalInt(node, "fewshot.", "seed", 1234, 0));
    }

    private static GenerationSpec generation(TaskFields fields, JsonNode root, OutputType type) {
        JsonNode node = fields.optionalObject(root, "", "generation_kwargs");
        if (node == null) {
            return new GenerationSpec(List.of("\n\n"), 256);
        }
        if (type != OutputType.GENERATE_UNTIL) {
            throw fields.invalid("generation_kwargs", "only allowed with output_type generate_until");
        }
        fields.rejectUnknown(node, "generation_kwargs.", Set.of("until", "max_gen_toks"));
        return new GenerationSpec(fields.stringList(node, "generation_kwargs.", "until"),
                fields.optionalInt(node, "generation_kwargs.", "max_gen_toks", 256, 1));
    }

    private static List<MetricSpec> metrics(TaskFields fields, JsonNode root, OutputType type) {
        List<JsonNode> nodes = fields.optionalList(root, "", "metric_list");
        if (nodes.isEmpty()) {
            throw fields.invalid("metric_list", "missing; list at least one metric");
        }
        List<MetricSpec> metrics = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = "metric_list[" + i + "].";
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                throw fields.invalid("metric_list[" + i + "]", "expected a mapping with field metric");
            }
            fields.rejectUnknown(node, prefix, Set.of("metric", "ignore_case", "ignore_punctuation",
                    "regexes_to_ignore"));
            String name = fields.choice(node, prefix, "metric", null, METRICS);
            if (!METRICS_BY_TYPE.get(type).contains(name)) {
                throw fields.invalid(prefix + "metric", name + " does not apply to output_type " + type.fileName()
                        + "; expected one of " + new java.util.TreeSet<>(METRICS_BY_TYPE.get(type)));
            }
            List<String> regexes = fields.stringList(node, prefix, "regexes_to_ignore");
            for (int r = 0; r < regexes.size(); r++) {
                checkRegex(fields, prefix + "regexes_to_ignore[" + r + "]", regexes.get(r));
            }
            metrics.add(new MetricSpec(name, fields.optionalBoolean(node, prefix, "ignore_case"),
                    fields.optionalBoolean(node, prefix, "ignore_punctuation"), regexes));
        }
        return metrics;
    }

    private static List<FilterSpec> filters(TaskFields fields, JsonNode root) {
        List<FilterSpec> filters = new ArrayList<>();
        List<JsonNode> nodes = fields.optionalList(root, "", "filter_list");
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = "filter_list[" + i + "].";
            JsonNode node = nodes.get(i);
            fields.rejectUnknown(node, prefix, Set.of("name", "filter"));
            String name = fields.requiredString(node, prefix, "name");
            List<FilterSpec.FilterStep> steps = new ArrayList<>();
            List<JsonNode> stepNodes = fields.optionalList(node, prefix, "filter");
            for (int s = 0; s < stepNodes.size(); s++) {
                String stepPrefix = prefix + "filter[" + s + "].";
                JsonNode step = stepNodes.get(s);
                fields.rejectUnknown(step, stepPrefix, Set.of("function", "regex_pattern", "group_select"));
                String function = fields.choice(step, stepPrefix, "function", null,
                        Set.of("regex", "take_first", "remove_whitespace", "lowercase"));
                String pattern = fields.optionalString(step, stepPrefix, "regex_pattern", null);
                if (function.equals("regex")) {
                    if (pattern == null) {
                        throw fields.invalid(stepPrefix + "regex_pattern", "missing; function regex needs a pattern");
                    }
                    checkRegex(fields, stepPrefix + "regex_pattern", pattern);
                }
                JsonNode group = step.get("group_select");
                if (group != null && !group.isIntegralNumber()) {
                    throw fields.invalid(stepPrefix + "group_select", "expected an integer, got " + group);
                }
                steps.add(new FilterSpec.FilterStep(function, pattern, group == null ? 0 : group.intValue()));
            }
            filters.add(new FilterSpec(name, steps));
        }
        return filters;
    }

    private static void checkRegex(TaskFields fields, String field, String pattern) {
        try {
            java.util.regex.Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw fields.invalid(field, "invalid regular expression: " + e.getDescription());
        }
    }
}
