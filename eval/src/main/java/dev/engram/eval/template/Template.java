package dev.engram.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt template: literal text with {@code {{ expression }}} placeholders filled from a JSON document.
 *
 * <p>An expression is a path into the document followed by filters, {@code path | filter | filter:arg}.
 * A path is a field name with {@code .field} and {@code [index]} steps ({@code choices.text[0]}); negative
 * indexes count from the end. Filter arguments are single-quoted literals ({@code 'A'}) or paths. The
 * filters are listed in {@link Filters}. {@code {{{{}} renders a literal {@code {{}}.
 *
 * <p>A template made of one placeholder and nothing else renders to that placeholder's value, so it may
 * yield a list (answer choices) or a number (a gold index); any other template renders to text.
 */
public final class Template {
    private final String source;
    private final List<Object> parts;

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses {@code source}; throws {@link TemplateException} with the offset of the first error. */
    public static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("{{{{}}", i)) {
                literal.append("{{");
                i += 6;
            } else if (source.startsWith("{{", i)) {
                int end = source.indexOf("}}", i + 2);
                if (end < 0) {
                    throw new TemplateException("unclosed {{ at offset " + i + " in template \"" + source + "\"");
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(Expression.parse(source.substring(i + 2, end), source));
                i = end + 2;
            } else {
                literal.append(source.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(source, List.copyOf(parts));
    }

    public String source() {
        return source;
    }

    /** Renders to a JSON value: the bare value for a single-placeholder template, text otherwise. */
    public JsonNode renderValue(JsonNode document) {
        if (parts.size() == 1 && parts.getFirst() instanceof Expression expression) {
            return expression.evaluate(document);
        }
        return TextNode.valueOf(render(document));
    }

    /** Renders to text; a list value inside a larger template is an error. */
    public String render(JsonNode document) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expression expression) {
                out.append(Filters.asText(expression.evaluate(document), expression.text(), source));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** Renders to a list of strings: a list value element by element, any other value as one element. */
    public List<String> renderList(JsonNode document) {
        JsonNode value = renderValue(document);
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode element : value) {
                out.add(Filters.asText(element, source, source));
            }
        } else {
            out.add(Filters.asText(value, source, source));
        }
        return out;
    }

    /** Renders to an integer: a number, or text holding one. */
    public int renderInt(JsonNode document) {
        JsonNode value = renderValue(document);
        if (value.isIntegralNumber()) {
            return value.intValue();
        }
        String text = value.asText().strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException("template \"" + source + "\" must render to an integer, got \"" + text + "\"");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
