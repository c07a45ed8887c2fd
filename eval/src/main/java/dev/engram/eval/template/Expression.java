package dev.engram.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One placeholder: a path and the filters applied to its value, left to right. */
record Expression(String text, Path path, List<FilterCall> filters) {

    record FilterCall(String name, Argument argument) {
    }

    /** A filter argument: a quoted literal or a path into the document. */
    record Argument(String literal, Path path) {
        JsonNode resolve(JsonNode document, String template) {
            return literal != null ? com.fasterxml.jackson.databind.node.TextNode.valueOf(literal)
                    : path.resolve(document, template);
        }
    }

    static Expression parse(String text, String template) {
        List<String> pieces = splitOutsideQuotes(text, template);
        Path path = Path.parse(pieces.getFirst().strip(), template);
        List<FilterCall> filters = new ArrayList<>();
        for (String piece : pieces.subList(1, pieces.size())) {
            String call = piece.strip();
            int colon = call.indexOf(':');
            String name = colon < 0 ? call : call.substring(0, colon).strip();
            Argument argument = colon < 0 ? null : parseArgument(call.substring(colon + 1).strip(), template);
            Filters.check(name, argument != null, template);
            filters.add(new FilterCall(name, argument));
        }
        return new Expression(text.strip(), path, List.copyOf(filters));
    }

    JsonNode evaluate(JsonNode document) {
        JsonNode value = path.resolve(document, text);
        for (FilterCall call : filters) {
            JsonNode argument = call.argument() == null ? null : call.argument().resolve(document, text);
            value = Filters.apply(call.name(), value, argument, text);
        }
        return value;
    }

    private static Argument parseArgument(String text, String template) {
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return new Argument(unescape(text.substring(1, text.length() - 1)), null);
        }
        return new Argument(null, Path.parse(text, template));
    }

    /** Turns {@code \n}, {@code \t}, {@code \'} and {@code \\} into the characters they name. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String text, String template) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '|' && !quoted) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new TemplateException("unclosed quote in {{" + text + "}} of template \"" + template + "\"");
        }
        pieces.add(current.toString());
        return pieces;
    }
}
