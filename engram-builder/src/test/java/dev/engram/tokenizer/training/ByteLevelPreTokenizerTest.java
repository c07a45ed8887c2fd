package dev.engram.tokenizer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected splits follow GPT-2's pattern by hand; TrainedTokenizerTest checks them against the Rust library. */
class ByteLevelPreTokenizerTest {

    @Test
    void splitKeepsLeadingSpaceWithWord() {
        assertEquals(List.of("Hello", ",", " world", "!"), ByteLevelPreTokenizer.split("Hello, world!"));
    }

    @Test
    void splitSeparatesContractions() {
        assertEquals(List.of("We", "'re", " here", " and", " it", "'s", " fine"),
                ByteLevelPreTokenizer.split("We're here and it's fine"));
    }

    @Test
    void splitGivesLastSpaceToNextWord() {
        assertEquals(List.of("a", "  ", " b", "\n", "\n", "c", " "), ByteLevelPreTokenizer.split("a   b\n\nc "));
    }

    @Test
    void splitSeparatesDigitsLettersAndSymbols() {
        assertEquals(List.of("In", " 1776", ",", " $", "12", ".", "50", " each"),
                ByteLevelPreTokenizer.split("In 1776, $12.50 each"));
    }

    @Test
    void splitTreatsNoBreakSpaceAsWhitespace() {
        // U+00A0 and U+3000 are Unicode White_Space, so they never join a word as a symbol would.
        assertEquals(List.of("a", "\u00a0", "b", "\u3000", "c"), ByteLevelPreTokenizer.split("a\u00a0b\u3000c"));
    }

    @Test
    void splitKeepsChineseAndEmojiWhole() {
        assertEquals(List.of("中文", " 😀😀", " ok"), ByteLevelPreTokenizer.split("中文 😀😀 ok"));
    }

    @Test
    void splitOfEmptyTextIsEmpty() {
        assertEquals(List.of(), ByteLevelPreTokenizer.split(""));
    }

    @Test
    void splitPiecesConcatenateToInput() {
        String text = "  Mixed\ttext\r\n with 42 numbers, émigrés, and 🚀!\u2028end  ";
        assertEquals(text, String.join("", ByteLevelPreTokenizer.split(text)));
    }

    @Test
    void alphabetMapsSpaceAndPrintableBytes() {
        assertEquals('Ġ', ByteLevelAlphabet.charOf(' '));
        assertEquals('Ċ', ByteLevelAlphabet.charOf('\n'));
        assertEquals('A', ByteLevelAlphabet.charOf('A'));
        assertEquals('\u0100', ByteLevelAlphabet.charOf(0));
        assertEquals('\u00ff', ByteLevelAlphabet.charOf(0xFF));
        assertEquals('\u0143', ByteLevelAlphabet.charOf(0xAD));
    }

    @Test
    void alphabetHas256DistinctCharacters() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            seen.add(ByteLevelAlphabet.charOf(b));
        }
        assertEquals(256, seen.size());
    }

    @Test
    void alphabetDecodeInvertsEncode() {
        byte[] bytes = "é 😀\u0000\u007f".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bytes, ByteLevelAlphabet.decode(ByteLevelAlphabet.encode(bytes)));
    }

    @Test
    void alphabetDecodeRejectsForeignCharacter() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteLevelAlphabet.decode("a b"));
        assertEquals("U+0020 at index 1 is not a byte-level alphabet character", error.getMessage());
    }
}
