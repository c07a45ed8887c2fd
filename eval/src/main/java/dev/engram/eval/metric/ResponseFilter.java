package dev.engram.eval.metric;

import dev.engram.eval.task.FilterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a task's filter chain to generated text, as the harness's regex, take_first and whitespace filters. */
public final class ResponseFilter {
    /** What the harness's regex filter returns when nothing matches. */
    public static final String INVALID = "[invalid]";

    private ResponseFilter() {
    }

    public static String apply(FilterSpec filter, String response) {
        String text = response;
        for (FilterSpec.FilterStep step : filter.steps()) {
            text = switch (step.function()) {
                case "regex" -> regex(Pattern.compile(step.pattern()), step.groupSelect(), text);
                case "remove_whitespace" -> text.stripLeading();
                case "lowercase" -> text.toLowerCase(java.util.Locale.ROOT);
                // One generation per item, so taking the first of the responses leaves it as it is.
                case "take_first" -> text;
                default -> throw new IllegalArgumentException("unknown filter function " + step.function());
            };
        }
        return text;
    }

    /**
     * Like Python's {@code re.findall}: each match contributes its only group, or with several groups the
     * first non-empty one, or the whole match without groups; {@code groupSelect} picks among the matches.
     */
    private static String regex(Pattern pattern, int groupSelect, String text) {
        List<String> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.groupCount() == 0) {
                matches.add(matcher.group());
            } else {
                String chosen = "";
                for (int g = 1; g <= matcher.groupCount(); g++) {
                    String group = matcher.group(g);
                    if (group != null && !group.isEmpty()) {
                        chosen = group;
                        break;
                    }
                }
                matches.add(chosen);
            }
        }
        if (matches.isEmpty()) {
            return INVALID;
        }
        int index = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
        return index < 0 || index >= matches.size() ? INVALID : matches.get(index).strip();
    }
}
