package dev.engram.tokenizer.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained byte-level BPE vocabulary: token strings by id and the merges in rank order.
 *
 * <p>Ids are laid out as {@code [special tokens][256 byte tokens][merged tokens]}. Special tokens come
 * first so their ids stay the same whatever the vocabulary size: {@code <|endoftext|>} is 0 and
 * {@code <|pad|>} is 1. Byte {@code b} is id {@code specialTokens().size() + b}, its token string being
 * {@link ByteLevelAlphabet#charOf}. Merge {@code i} (rank {@code i}) joins two existing ids into the
 * id {@code merged}, which is usually new but may be an earlier id with the same token string.
 *
 * @param tokens        token string of each id: special tokens as their content, all others in the
 *                      byte-level alphabet
 * @param specialTokens contents of the special tokens, which take ids {@code 0..specialTokens.size()-1}
 * @param merges        merges in rank order, highest priority first
 */
public record BpeModel(List<String> tokens, List<String> specialTokens, List<Merge> merges) {
    /** Special token that marks the end of a document. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Special token for padding, whose compressed id can serve as Engram hashing's pad id. */
    public static final String PAD = "<|pad|>";
    /** The special tokens every trained tokenizer gets, in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, PAD);
    /** Number of byte tokens: every byte value has its own id, so any text can be encoded. */
    public static final int BYTE_TOKENS = 256;

    /** One learned merge: the adjacent ids {@code left, right} become {@code merged}. */
    public record Merge(int left, int right, int merged) {
    }

    public BpeModel {
        tokens = List.copyOf(tokens);
        specialTokens = List.copyOf(specialTokens);
        merges = List.copyOf(merges);
        if (tokens.size() < specialTokens.size() + BYTE_TOKENS) {
            throw new IllegalArgumentException("a byte-level BPE model needs at least " + (specialTokens.size() + BYTE_TOKENS)
                    + " tokens (specials and 256 bytes), got " + tokens.size());
        }
        for (int i = 0; i < specialTokens.size(); i++) {
            if (!tokens.get(i).equals(specialTokens.get(i))) {
                throw new IllegalArgumentException("token " + i + " must be the special token " + specialTokens.get(i)
                        + ", got " + tokens.get(i));
            }
        }
        if (new HashSet<>(tokens).size() != tokens.size()) {
            throw new IllegalArgumentException("token strings must be distinct, because tokenizer.json maps each string to one id");
        }
        for (Merge merge : merges) {
            Objects.checkIndex(merge.left(), tokens.size());
            Objects.checkIndex(merge.right(), tokens.size());
            Objects.checkIndex(merge.merged(), tokens.size());
        }
    }

    /** Builds the model with no merges: special tokens followed by the 256 byte tokens. */
    public static BpeModel bytesOnly(List<String> specialTokens) {
        List<String> tokens = new ArrayList<>(specialTokens);
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokens.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        return new BpeModel(tokens, specialTokens, List.of());
    }

    /** Returns the id of a byte's token. */
    public int byteId(int unsignedByte) {
        return specialTokens.size() + unsignedByte;
    }

    /** Returns the number of ids. */
    public int vocabSize() {
        return tokens.size();
    }

    /** Returns the id of each token string. */
    public Map<String, Integer> idsByToken() {
        Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
        for (int id = 0; id < tokens.size(); id++) {
            ids.put(tokens.get(id), id);
        }
        return ids;
    }
}
