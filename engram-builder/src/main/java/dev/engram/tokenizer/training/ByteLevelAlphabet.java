package dev.engram.tokenizer.training;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 256-character alphabet of byte-level BPE: each byte is written as one printable Unicode character,
 * so token strings in {@code tokenizer.json} contain no control characters or spaces.
 *
 * <p>The mapping is the one GPT-2 introduced and Hugging Face's {@code ByteLevel} pre-tokenizer and
 * decoder use: the bytes {@code '!'..'~'}, {@code 0xA1..0xAC} and {@code 0xAE..0xFF} map to the
 * character with the same code point, and the other 68 bytes map, in increasing byte order, to
 * U+0100, U+0101, and so on. A space (0x20) therefore becomes U+0120 {@code 'Ġ'}.
 */
public final class ByteLevelAlphabet {
    private static final char[] CHAR_OF_BYTE = buildCharOfByte();
    /** Inverse of {@link #CHAR_OF_BYTE}, indexed by character, -1 where a character stands for no byte. */
    private static final short[] BYTE_OF_CHAR = buildByteOfChar();

    private ByteLevelAlphabet() {
    }

    /** Returns the character that stands for a byte, given as 0..255. */
    public static char charOf(int unsignedByte) {
        if (unsignedByte < 0 || unsignedByte > 255) {
            throw new IllegalArgumentException("byte must be in [0, 255], got " + unsignedByte);
        }
        return CHAR_OF_BYTE[unsignedByte];
    }

    /** Returns the byte-level string of some text: one alphabet character per byte of its UTF-8 form. */
    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the byte-level string of raw bytes: one alphabet character per byte. */
    public static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = CHAR_OF_BYTE[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /**
     * Returns the bytes a byte-level string stands for.
     *
     * @throws IllegalArgumentException if a character is not in the alphabet
     */
    public static byte[] decode(String byteLevel) {
        byte[] bytes = new byte[byteLevel.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = byteLevel.charAt(i);
            int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException(String.format(
                        "U+%04X at index %d is not a byte-level alphabet character", (int) c, i));
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    private static char[] buildCharOfByte() {
        char[] chars = new char[256];
        int nextShifted = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = printable ? (char) b : (char) nextShifted++;
        }
        return chars;
    }

    private static short[] buildByteOfChar() {
        short[] bytes = new short[512];
        Arrays.fill(bytes, (short) -1);
        for (int b = 0; b < 256; b++) {
            bytes[CHAR_OF_BYTE[b]] = (short) b;
        }
        return bytes;
    }
}
