package dev.engram.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A path into a JSON document: field names and list indexes, {@code choices.text[0]}. */
record Path(String text, List<Object> steps) {

    static Path parse(String text, String template) {
        if (text.isEmpty()) {
            throw new TemplateException("empty expression in template \"" + template + "\"");
        }
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new TemplateException("unclosed [ in path " + text + " of template \"" + template + "\"");
                }
                try {
                    steps.add(Integer.parseInt(text.substring(i + 1, end).strip()));
                } catch (NumberFormatException e) {
                    throw new TemplateException("index in path " + text + " must be an integer, in template \""
                            + template + "\"");
                }
                i = end + 1;
            } else if (c == '.') {
                i++;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i, end);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new TemplateException("invalid field name \"" + name + "\" in path " + text
                            + " of template \"" + template + "\"");
                }
                steps.add(name);
                i = end;
            }
        }
        return new Path(text, List.copyOf(steps));
    }

    JsonNode resolve(JsonNode document, String expression) {
        JsonNode node = document;
        for (Object step : steps) {
            if (step instanceof String name) {
                if (!node.isObject() || !node.has(name)) {
                    throw new TemplateException("field " + name + " of {{" + expression + "}} not found in document "
                            + abbreviate(document));
                }
                node = node.get(name);
            } else {
                int index = (Integer) step;
                if (!node.isArray()) {
                    throw new TemplateException("[" + index + "] in {{" + expression + "}} needs a list, got "
                            + node.getNodeType());
                }
                int resolved = index < 0 ? node.size() + index : index;
                if (resolved < 0 || resolved >= node.size()) {
                    throw new TemplateException("index " + index + " in {{" + expression + "}} is outside a list of "
                            + node.size());
                }
                node = node.get(resolved);
            }
        }
        return node;
    }

    private static String abbreviate(JsonNode document) {
        String text = document.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
