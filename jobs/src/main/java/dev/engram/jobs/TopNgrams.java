package dev.engram.jobs;

import dev.engram.schema.NgramSchema;
import dev.engram.tokenizer.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders compressed-id n-grams as text for people.
 *
 * <p>A compressed id stands for several tokenizer ids with the same normalized text; it is shown as the
 * lowest of them, which is what the text of the others normalizes to as well. Pad positions show as
 * {@value #PAD_TEXT}.
 */
final class TopNgrams {
    static final String PAD_TEXT = "<pad>";

    private final HfTokenizer tokenizer;
    private final int[] representative;

    TopNgrams(HfTokenizer tokenizer, int[] compressedLookup, int compressedSize) {
        this.tokenizer = tokenizer;
        this.representative = new int[compressedSize];
        Arrays.fill(representative, -1);
        for (int id = 0; id < compressedLookup.length; id++) {
            if (representative[compressedLookup[id]] < 0) {
                representative[compressedLookup[id]] = id;
            }
        }
    }

    /** One exported n-gram. */
    record Entry(int order, long count, List<Integer> ngram, String text) {
    }

    String text(int[] ngram) {
        StringBuilder text = new StringBuilder();
        List<Integer> run = new ArrayList<>();
        for (int id : ngram) {
            if (id == NgramSchema.PAD) {
                flush(run, text);
                text.append(PAD_TEXT);
            } else {
                run.add(representative[id]);
            }
        }
        flush(run, text);
        return text.toString();
    }

    private void flush(List<Integer> run, StringBuilder text) {
        if (!run.isEmpty()) {
            text.append(tokenizer.decode(run.stream().mapToInt(Integer::intValue).toArray()));
            run.clear();
        }
    }
}
