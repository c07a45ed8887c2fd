package dev.engram.eval.score;

/** Turns prompt text into a model's token ids and generated ids back into text. */
public interface TextCodec {
    int[] encode(String text);

    String decode(int[] ids);

    /** Returns the sha256 of the tokenizer file, or null for codecs without one. */
    String sha256();
}
