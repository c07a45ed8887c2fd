package dev.engram.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Expected values follow the Rust Hugging Face tokenizers normalizers: NFKC and NFD from
 * unicode-normalization, StripAccents dropping General_Category=Mark, Lowercase as
 * {@code char::to_lowercase} per character, Strip as {@code char::is_whitespace}.
 */
class TextNormalizerTest {

    @Test
    void accentsAreStripped() {
        assertEquals("unicode accents", TextNormalizer.normalize("Ünïcödé àccents"));
    }

    @Test
    void spacingMarksAreStrippedToo() {
        // U+09BE BENGALI VOWEL SIGN AA is Mc, not Mn, and the Rust is_combining_mark covers all of Mark.
        assertEquals("\u0995", TextNormalizer.normalize("\u0995\u09BE"));
        assertEquals("", TextNormalizer.normalize("\u09BE"));
    }

    @Test
    void ligatureDecomposes() {
        assertEquals("fi", TextNormalizer.normalize("ﬁ"));
    }

    @Test
    void fullwidthBecomesAscii() {
        assertEquals("fullwidth", TextNormalizer.normalize("ＦＵＬＬＷＩＤＴＨ"));
    }

    @Test
    void spaceRunsCollapseAndEndsAreStripped() {
        assertEquals("leading spaces, tabs and crlf newlines",
                TextNormalizer.normalize("  leading spaces,\ttabs\tand\r\nCRLF\n\n\nnewlines  "));
        assertEquals("a b", TextNormalizer.normalize("a \u00A0b"));
    }

    @Test
    void loneSpaceIsKept() {
        assertEquals(" ", TextNormalizer.normalize(" "));
        assertEquals(" ", TextNormalizer.normalize("\t"));
        assertEquals(" ", TextNormalizer.normalize("\r\n"));
        // NFKC turns these into U+0020 before the collapse.
        assertEquals(" ", TextNormalizer.normalize("\u3000"));
        assertEquals(" ", TextNormalizer.normalize("\u00A0"));
    }

    @Test
    void otherWhitespaceIsStrippedToEmpty() {
        assertEquals("", TextNormalizer.normalize(""));
        assertEquals("", TextNormalizer.normalize("\u000B"));
        assertEquals("", TextNormalizer.normalize(" \u000B "));
        assertEquals("x", TextNormalizer.normalize("\u0085x\u000C"));
    }

    @Test
    void onlyAsciiSpacesCollapse() {
        assertEquals("a\u000Bb", TextNormalizer.normalize("a\u000Bb"));
    }

    @Test
    void javaOnlyWhitespaceIsKept() {
        // U+001C is whitespace to Character.isWhitespace but has no White_Space property.
        assertEquals("\u001Cx", TextNormalizer.normalize("\u001Cx"));
    }

    @Test
    void privateSentinelBecomesSpace() {
        assertEquals("a b", TextNormalizer.normalize("a\uE000b"));
        assertEquals(" ", TextNormalizer.normalize("\uE000"));
    }

    @Test
    void finalSigmaIsNotSpecial() {
        assertEquals("οδοσ", TextNormalizer.normalize("ΟΔΟΣ"));
        assertNotEquals("οδοσ", "ΟΔΟΣ".toLowerCase(Locale.ROOT));
    }

    @Test
    void turkishDottedCapitalI() {
        // NFD splits U+0130 into I and U+0307, and StripAccents drops the dot before Lowercase runs.
        assertEquals("istanbul", TextNormalizer.normalize("İstanbul"));
        assertEquals("ı", TextNormalizer.normalize("ı"));
        assertEquals("i", TextNormalizer.normalize("I"));
    }

    @Test
    void lowercaseOfDottedCapitalIHasTwoCodePoints() {
        assertEquals("i\u0307", TextNormalizer.lowercase(0x0130));
        assertEquals("σ", TextNormalizer.lowercase('Σ'));
    }

    @Test
    void lowercaseMatchesJavaFullMappingPerCodePoint() {
        List<String> differences = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String full = Character.toString(codePoint).toLowerCase(Locale.ROOT);
            if (!full.equals(TextNormalizer.lowercase(codePoint))) {
                differences.add(Integer.toHexString(codePoint));
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void whiteSpaceMatchesUnicodeProperty() {
        Pattern whiteSpace = Pattern.compile("\\p{IsWhite_Space}");
        List<String> differences = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            boolean expected = whiteSpace.matcher(Character.toString(codePoint)).matches();
            if (expected != TextNormalizer.isWhiteSpace(codePoint)) {
                differences.add(Integer.toHexString(codePoint));
            }
        }
        assertEquals(List.of(), differences);
    }
}
