package dev.engram.eval.score;

import dev.engram.tokenizer.HfTokenizer;

/** The codec of a model folder that carries a {@code tokenizer.json}. */
public final class HfTextCodec implements TextCodec {
    private final HfTokenizer tokenizer;

    public HfTextCodec(HfTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public int[] encode(String text) {
        return tokenizer.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    @Override
    public String sha256() {
        return tokenizer.sha256();
    }
}
