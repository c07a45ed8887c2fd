package dev.engram.eval.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.eval.template.Template;
import dev.engram.eval.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Typed reads of a task file's fields; every error names the file and the dotted field path. */
final class TaskFields {
    private final String source;

    TaskFields(String source) {
        this.source = source;
    }

    TaskConfigException invalid(String field, String problem) {
        return new TaskConfigException(source, field, problem);
    }

    void rejectUnknown(JsonNode object, String prefix, Set<String> known) {
        for (String name : (Iterable<String>) object::fieldNames) {
            if (!known.contains(name)) {
                throw invalid(prefix + name, "unknown field; known fields are " + new java.util.TreeSet<>(known));
            }
        }
    }

    String requiredString(JsonNode parent, String prefix, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw invalid(prefix + name, "missing");
        }
        return string(node, prefix + name);
    }

    String optionalString(JsonNode parent, String prefix, String name, String fallback) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? fallback : string(node, prefix + name);
    }

    private String string(JsonNode node, String field) {
        if (!node.isValueNode()) {
            throw invalid(field, "expected text, got " + node.getNodeType());
        }
        return node.asText();
    }

    String choice(JsonNode parent, String prefix, String name, String fallback, Set<String> allowed) {
        String value = fallback == null ? requiredString(parent, prefix, name)
                : optionalString(parent, prefix, name, fallback);
        if (!allowed.contains(value)) {
            throw invalid(prefix + name, "expected one of " + new java.util.TreeSet<>(allowed) + ", got \"" + value + "\"");
        }
        return value;
    }

    int optionalInt(JsonNode parent, String prefix, String name, int fallback, int min) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < min) {
            throw invalid(prefix + name, "expected an integer >= " + min + ", got " + node);
        }
        return node.intValue();
    }

    boolean optionalBoolean(JsonNode parent, String prefix, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(prefix + name, "expected true or false, got " + node);
        }
        return node.booleanValue();
    }

    JsonNode optionalObject(JsonNode parent, String prefix, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(prefix + name, "expected a mapping, got " + node.getNodeType());
        }
        return node;
    }

    List<JsonNode> optionalList(JsonNode parent, String prefix, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(prefix + name, "expected a list, got " + node.getNodeType());
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    List<String> stringList(JsonNode parent, String prefix, String name) {
        List<String> out = new ArrayList<>();
        List<JsonNode> nodes = optionalList(parent, prefix, name);
        for (int i = 0; i < nodes.size(); i++) {
            out.add(string(nodes.get(i), prefix + name + "[" + i + "]"));
        }
        return out;
    }

    Template template(JsonNode parent, String prefix, String name, boolean required) {
        String text = required ? requiredString(parent, prefix, name) : optionalString(parent, prefix, name, null);
        return text == null ? null : template(text, prefix + name);
    }

    Template template(String text, String field) {
        try {
            return Template.parse(text);
        } catch (TemplateException e) {
            throw invalid(field, e.getMessage());
        }
    }
}
