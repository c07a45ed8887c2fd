package dev.engram.tokenizer.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes text with a {@link BpeModel} in plain Java, step by step as byte-level BPE is defined, to serve
 * as the reference that the Rust tokenizer loading the written {@code tokenizer.json} must match.
 *
 * <p>Encoding first cuts out special tokens where their exact content occurs (at each position the
 * longest one wins), as Hugging Face does for added tokens with {@code normalized: false}. The text
 * between them is split by {@link ByteLevelPreTokenizer}, and each pre-token starts as its byte ids.
 * The encoder then merges the leftmost occurrence of the adjacent pair with the lowest merge rank, one
 * occurrence at a time, until no adjacent pair has a merge. The Rust BPE model pops merges from a heap
 * ordered the same way. The loop is quadratic in the pre-token length, which suits a test reference
 * but not a production encoder.
 */
public final class BpeReferenceEncoder {
    private final BpeModel model;
    /** Rank and result of each merge, keyed by its packed pair of ids. */
    private final Map<Long, int[]> mergeByPair = new HashMap<>();

    public BpeReferenceEncoder(BpeModel model) {
        this.model = model;
        List<BpeModel.Merge> merges = model.merges();
        for (int rank = 0; rank < merges.size(); rank++) {
            BpeModel.Merge merge = merges.get(rank);
            // A repeated pair keeps its first, highest-priority rank.
            mergeByPair.putIfAbsent(pack(merge.left(), merge.right()), new int[] {rank, merge.merged()});
        }
    }

    /** Encodes text into ids. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int segmentStart = 0;
        int i = 0;
        while (i < text.length()) {
            String special = specialTokenAt(text, i);
            if (special == null) {
                i++;
                continue;
            }
            encodeOrdinary(text.substring(segmentStart, i), ids);
            ids.add(model.specialTokens().indexOf(special));
            i += special.length();
            segmentStart = i;
        }
        encodeOrdinary(text.substring(segmentStart), ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Decodes ids into text; special tokens decode to their content. */
    public String decode(int[] ids) {
        StringBuilder byteLevel = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id < model.specialTokens().size()) {
                text.append(new String(ByteLevelAlphabet.decode(byteLevel.toString()), StandardCharsets.UTF_8));
                byteLevel.setLength(0);
                text.append(model.tokens().get(id));
            } else {
                byteLevel.append(model.tokens().get(id));
            }
        }
        text.append(new String(ByteLevelAlphabet.decode(byteLevel.toString()), StandardCharsets.UTF_8));
        return text.toString();
    }

    private String specialTokenAt(String text, int index) {
        String longest = null;
        for (String special : model.specialTokens()) {
            if (text.startsWith(special, index) && (longest == null || special.length() > longest.length())) {
                longest = special;
            }
        }
        return longest;
    }

    private void encodeOrdinary(String text, List<Integer> ids) {
        for (String preToken : ByteLevelPreTokenizer.split(text)) {
            for (int id : encodePreToken(preToken)) {
                ids.add(id);
            }
        }
    }

    private int[] encodePreToken(String preToken) {
        byte[] bytes = preToken.getBytes(StandardCharsets.UTF_8);
        List<Integer> symbols = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            symbols.add(model.byteId(b & 0xFF));
        }
        while (true) {
            int bestRank = Integer.MAX_VALUE;
            int bestIndex = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int[] merge = mergeByPair.get(pack(symbols.get(i), symbols.get(i + 1)));
                if (merge != null && merge[0] < bestRank) {
                    bestRank = merge[0];
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) {
                break;
            }
            int result = mergeByPair.get(pack(symbols.get(bestIndex), symbols.get(bestIndex + 1)))[1];
            symbols.set(bestIndex, result);
            symbols.remove(bestIndex + 1);
        }
        return symbols.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long pack(int left, int right) {
        return ((long) left << 32) | right;
    }
}
