package dev.engram.tokenizer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pre-tokens the way Hugging Face's {@code ByteLevel} pre-tokenizer does with
 * {@code use_regex: true} and {@code add_prefix_space: false}: BPE merges never cross a pre-token
 * boundary, so the trainer and every encoder must agree on these splits exactly.
 *
 * <p>The pattern is GPT-2's: English contractions, then an optional space followed by letters, digits or
 * other symbols, then whitespace runs. A whitespace run followed by a non-space gives up its last
 * character, which then joins the next word as its leading space. Every character is covered by one
 * alternative, so the pieces concatenate back to the input.
 *
 * <p>The Rust library runs this pattern in Oniguruma, where {@code \s} is the Unicode
 * {@code White_Space} property. Java's {@code \s} only matches ASCII whitespace, so the Java pattern
 * spells the class as {@code \p{IsWhite_Space}}; without that, a no-break space or an ideographic space
 * would split differently. The tests compare these splits with the Rust library's on mixed text.
 *
 * <p>Limitation: Java 25 classifies letters and digits by Unicode 16, the Oniguruma build in tokenizers
 * 0.21 by an older Unicode version, so characters assigned after that version may split differently.
 */
public final class ByteLevelPreTokenizer {
    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d"
                    + "| ?\\p{L}+"
                    + "| ?\\p{N}+"
                    + "| ?[^\\p{IsWhite_Space}\\p{L}\\p{N}]+"
                    + "|\\p{IsWhite_Space}+(?!\\P{IsWhite_Space})"
                    + "|\\p{IsWhite_Space}+");

    private ByteLevelPreTokenizer() {
    }

    /** Splits text into pre-tokens, as text (not yet mapped to the byte-level alphabet). */
    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = GPT2_SPLIT.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() > end) {
                // Unreachable with this pattern, which matches every character; kept so that no input text is lost.
                pieces.add(text.substring(end, matcher.start()));
            }
            pieces.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length()) {
            pieces.add(text.substring(end));
        }
        return pieces;
    }

    /** Splits text into pre-tokens written in the byte-level alphabet, the form BPE merges operate on. */
    public static List<String> splitToByteLevel(String text) {
        List<String> pieces = split(text);
        pieces.replaceAll(ByteLevelAlphabet::encode);
        return pieces;
    }
}
