package dev.engram.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * The filters a template expression may apply. Each takes the current value and at most one argument:
 *
 * <ul>
 *   <li>{@code trim}, {@code lower}, {@code upper}: whitespace and case, as {@link String#strip()} and friends;
 *   <li>{@code capitalize}: upper-cases the first character only;
 *   <li>{@code underscores_to_spaces}: {@code high_school_physics} to {@code high school physics};
 *   <li>{@code int}: parses text as an integer;
 *   <li>{@code letter}: index 0, 1, 2 to A, B, C;
 *   <li>{@code index_of:x}: position of {@code x} in the list value, compared as text;
 *   <li>{@code after_last:x}: the text after the last {@code x}, or the whole text if there is none;
 *   <li>{@code join:x}: list elements as text joined with {@code x}.
 * </ul>
 */
final class Filters {
    private static final Map<String, Boolean> TAKES_ARGUMENT = Map.of(
            "trim", false, "lower", false, "upper", false, "capitalize", false, "underscores_to_spaces", false,
            "int", false, "letter", false, "index_of", true, "after_last", true, "join", true);

    private Filters() {
    }

    static void check(String name, boolean hasArgument, String template) {
        Boolean takesArgument = TAKES_ARGUMENT.get(name);
        if (takesArgument == null) {
            throw new TemplateException("unknown filter " + name + " in template \"" + template + "\"; known: "
                    + new java.util.TreeSet<>(TAKES_ARGUMENT.keySet()));
        }
        if (takesArgument != hasArgument) {
            throw new TemplateException("filter " + name + (takesArgument ? " needs an argument, name:'x'"
                    : " takes no argument") + ", in template \"" + template + "\"");
        }
    }

    static JsonNode apply(String name, JsonNode value, JsonNode argument, String expression) {
        return switch (name) {
            case "trim" -> text(text(value, expression).strip());
            case "lower" -> text(text(value, expression).toLowerCase(java.util.Locale.ROOT));
            case "upper" -> text(text(value, expression).toUpperCase(java.util.Locale.ROOT));
            case "capitalize" -> text(capitalize(text(value, expression)));
            case "underscores_to_spaces" -> text(text(value, expression).replace('_', ' '));
            case "int" -> IntNode.valueOf(parseInt(value, expression));
            case "letter" -> text(String.valueOf((char) ('A' + parseInt(value, expression))));
            case "index_of" -> IntNode.valueOf(indexOf(value, text(argument, expression), expression));
            case "after_last" -> text(afterLast(text(value, expression), text(argument, expression)));
            case "join" -> text(join(value, text(argument, expression), expression));
            default -> throw new TemplateException("unknown filter " + name + " in {{" + expression + "}}");
        };
    }

    static String asText(JsonNode value, String expression, String template) {
        if (value.isArray() || value.isObject()) {
            throw new TemplateException("{{" + expression + "}} is a " + value.getNodeType()
                    + " inside text; render it alone or join it, in template \"" + template + "\"");
        }
        return value.isNull() ? "" : value.asText();
    }

    private static String text(JsonNode value, String expression) {
        return asText(value, expression, expression);
    }

    private static TextNode text(String value) {
        return TextNode.valueOf(value);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    private static int parseInt(JsonNode value, String expression) {
        if (value.isIntegralNumber()) {
            return value.intValue();
        }
        try {
            return Integer.parseInt(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new TemplateException("{{" + expression + "}} needs an integer, got " + value);
        }
    }

    private static int indexOf(JsonNode list, String wanted, String expression) {
        if (!list.isArray()) {
            throw new TemplateException("index_of in {{" + expression + "}} needs a list, got " + list.getNodeType());
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).asText().equals(wanted)) {
                return i;
            }
        }
        throw new TemplateException("index_of in {{" + expression + "}}: \"" + wanted + "\" not found in " + list);
    }

    private static String afterLast(String text, String marker) {
        int at = text.lastIndexOf(marker);
        return at < 0 ? text : text.substring(at + marker.length());
    }

    private static String join(JsonNode list, String separator, String expression) {
        if (!list.isArray()) {
            throw new TemplateException("join in {{" + expression + "}} needs a list, got " + list.getNodeType());
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode element : list) {
            if (!out.isEmpty()) {
                out.append(separator);
            }
            out.append(text(element, expression));
        }
        return out.toString();
    }
}
