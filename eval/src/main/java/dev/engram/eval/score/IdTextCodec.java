package dev.engram.eval.score;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A codec for models without a tokenizer: text is token ids in decimal separated by whitespace, so
 * {@code "5 17 3"} is three tokens. Prompt templates join such texts with spaces, which keeps them valid.
 */
public final class IdTextCodec implements TextCodec {
    private final int vocabSize;

    public IdTextCodec(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    @Override
    public int[] encode(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(stripped.split("\\s+")).mapToInt(this::parse).toArray();
    }

    private int parse(String token) {
        int id;
        try {
            id = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id-level text must be token ids separated by spaces, got \"" + token
                    + "\"; give the model a tokenizer.json to score plain text");
        }
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
        }
        return id;
    }

    @Override
    public String decode(int[] ids) {
        StringJoiner joiner = new StringJoiner(" ");
        for (int id : ids) {
            joiner.add(Integer.toString(id));
        }
        return ids.length == 0 ? "" : " " + joiner;
    }

    @Override
    public String sha256() {
        return null;
    }
}
