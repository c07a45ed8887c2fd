package dev.engram.vocab;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The text normalization that decides which token ids share a compressed id. It reproduces this Hugging
 * Face {@code tokenizers} (Rust) normalizer sequence character for character:
 *
 * <pre>
 * NFKC, NFD, StripAccents, Lowercase,
 * Replace(Regex("[ \t\r\n]+"), " "), Replace(Regex("^ $"), U+E000), Strip, Replace(U+E000, " ")
 * </pre>
 *
 * <p>Three steps differ from the obvious Java calls:
 * <ul>
 *   <li>StripAccents drops every character of general category Mark (Mn, Mc and Me), because the Rust
 *       {@code is_combining_mark} it calls is built from {@code General_Category=Mark}.</li>
 *   <li>Lowercase maps each code point on its own with Rust's {@code char::to_lowercase}: there is no
 *       final-sigma rule (Σ always becomes σ, where {@code String.toLowerCase} may give ς) and U+0130 İ
 *       becomes "i̇" (i, U+0307).</li>
 *   <li>Strip trims Rust's {@code char::is_whitespace}, the Unicode White_Space property: it includes
 *       U+0085 and U+00A0 but not U+001C..U+001F, unlike {@link Character#isWhitespace}.</li>
 * </ul>
 *
 * <p>The sentinel steps make a text that collapses to a single space keep that space instead of
 * becoming empty. The last step also turns any U+E000 already in the text into a space.
 */
public final class TextNormalizer {
    private static final char SENTINEL = '\uE000';

    private TextNormalizer() {
    }

    /** Normalizes text as the Hugging Face sequence above does. */
    public static String normalize(String text) {
        Objects.requireNonNull(text, "text");
        // Limitation: NFKC, NFD and the Mark category come from the JDK's tables (Unicode 16.0 in JDK 25),
        // while tokenizers 0.23.2 uses the older tables built into unicode-normalization-alignments 0.1.12.
        // Characters whose decomposition or category changed between those versions can normalize
        // differently. All 128,815 DeepSeek-V3 tokens agree with the reference.
        String decomposed = Normalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC), Normalizer.Form.NFD);
        String lowered = stripMarksAndLowercase(decomposed);
        String collapsed = collapseSpaces(lowered);
        if (collapsed.equals(" ")) {
            return " ";
        }
        return strip(collapsed).replace(SENTINEL, ' ');
    }

    /** Returns Rust's {@code char::to_lowercase} of one code point, which may be two code points long. */
    static String lowercase(int codePoint) {
        if (codePoint == 0x0130) {
            // The one unconditional multi-character lowercase mapping in SpecialCasing.txt.
            return "i\u0307";
        }
        return Character.toString(Character.toLowerCase(codePoint));
    }

    /** Returns whether a code point has the Unicode White_Space property, as Rust's {@code char::is_whitespace} tests. */
    static boolean isWhiteSpace(int codePoint) {
        return switch (codePoint) {
            case 0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x0085, 0x00A0, 0x1680,
                 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> codePoint >= 0x2000 && codePoint <= 0x200A;
        };
    }

    static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String stripMarksAndLowercase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!isMark(codePoint)) {
                out.append(lowercase(codePoint));
            }
        }
        return out.toString();
    }

    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (!space) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString();
    }

    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end) {
            int codePoint = text.codePointAt(start);
            if (!isWhiteSpace(codePoint)) {
                break;
            }
            start += Character.charCount(codePoint);
        }
        while (end > start) {
            int codePoint = text.codePointBefore(end);
            if (!isWhiteSpace(codePoint)) {
                break;
            }
            end -= Character.charCount(codePoint);
        }
        return text.substring(start, end);
    }
}
