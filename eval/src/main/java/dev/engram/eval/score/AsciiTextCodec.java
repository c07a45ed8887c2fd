package dev.engram.eval.score;

/**
 * A character codec for tiny models with a 96-id vocabulary and no tokenizer: newline is id 0 and printable
 * ASCII {@code ' '..'~'} is ids 1..95. It lets text-built suites (needle in a haystack, cloze) run on such
 * models; other characters are replaced by {@code '?'}.
 */
public final class AsciiTextCodec implements TextCodec {
    /** The vocabulary size this codec needs. */
    public static final int VOCAB_SIZE = 96;

    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = text.charAt(i);
            ids[i] = c == '\n' ? 0 : (c >= ' ' && c <= '~') ? c - 31 : '?' - 31;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            out.append(id == 0 ? '\n' : (char) (id + 31));
        }
        return out.toString();
    }

    @Override
    public String sha256() {
        return null;
    }
}
