package dev.engram.tokenizer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
    /** First id after the 2 special tokens and 256 bytes. */
    private static final int FIRST_MERGED_ID = 258;

    /**
     * The classic word-frequency example. Byte ids are 2 + the ASCII code, so e=103, l=110, n=112,
     * o=113, s=117, t=118, w=121. Initial pair counts: e-s 6+3=9, s-t 9, w-e 2+6=8, l-o 5+2=7, o-w 7,
     * n-e 6, e-w 6, w-i 3, i-d 3, d-e 3, e-r 2.
     * <ol>
     * <li>e-s and s-t tie at 9; (103,117) is smaller than (117,118), so e+s becomes "es" (258).
     * <li>es-t now counts 9 and s-t 0, so "est" (259).
     * <li>l-o and o-w tie at 7; (110,113) wins, giving "lo" (260).
     * <li>lo-w counts 7: "low" (261).
     * <li>n-e, e-w and w-est tie at 6 (w-e fell to 2 when newest's e joined s); (103,121) is smallest: "ew" (262).
     * <li>n-ew (112,262) and ew-est (262,259) tie at 6; n-ew wins: "new" (263).
     * </ol>
     */
    @Test
    void trainLearnsHandCheckedMerges() {
        Map<String, Long> counts = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);

        BpeModel model = new BpeTrainer(FIRST_MERGED_ID + 6).train(counts);

        assertEquals(List.of("es", "est", "lo", "low", "ew", "new"), model.tokens().subList(FIRST_MERGED_ID, model.vocabSize()));
        assertEquals(List.of(
                new BpeModel.Merge(103, 117, 258),
                new BpeModel.Merge(258, 118, 259),
                new BpeModel.Merge(110, 113, 260),
                new BpeModel.Merge(260, 121, 261),
                new BpeModel.Merge(103, 121, 262),
                new BpeModel.Merge(112, 262, 263)), model.merges());
    }

    @Test
    void trainPutsSpecialsThenBytesFirst() {
        BpeModel model = new BpeTrainer(300).train(Map.of("ab", 1L));

        assertEquals("<|endoftext|>", model.tokens().get(0));
        assertEquals("<|pad|>", model.tokens().get(1));
        assertEquals("Ġ", model.tokens().get(model.byteId(' ')));
        assertEquals(2 + ' ', model.byteId(' '));
    }

    @Test
    void trainStopsWhenNoPairIsLeft() {
        // "aaaa" merges to "aa" and then "aaaa"; "b" is a single byte with no pair.
        BpeModel model = new BpeTrainer(8192).train(Map.of("aaaa", 3L, "b", 100L));

        assertEquals(List.of("aa", "aaaa"), model.tokens().subList(FIRST_MERGED_ID, model.vocabSize()));
    }

    @Test
    void trainOnEmptyCountsGivesBytesOnly() {
        assertEquals(FIRST_MERGED_ID, new BpeTrainer(1000).train(Map.of()).vocabSize());
    }

    @Test
    void trainIgnoresMapOrder() {
        Map<String, Long> counts = randomCounts(new Random(7), 300);
        Map<String, Long> reversed = new LinkedHashMap<>();
        new ArrayList<>(new TreeMap<>(counts).descendingMap().entrySet()).forEach(e -> reversed.put(e.getKey(), e.getValue()));

        assertEquals(new BpeTrainer(600).train(counts), new BpeTrainer(600).train(reversed));
    }

    @Test
    void trainMatchesFullRecountReference() {
        long seed = new Random().nextLong();
        Map<String, Long> counts = randomCounts(new Random(seed), 400);

        BpeModel model = new BpeTrainer(FIRST_MERGED_ID + 250).train(counts);

        assertEquals(recountingTrainer(counts, 250), model.merges(), "random corpus seed " + seed);
    }

    @Test
    void trainRejectsVocabSmallerThanSpecialsAndBytes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(257));
        assertEquals("vocabulary size must be at least 258 (2 special tokens + 256 byte tokens), got 257", error.getMessage());
    }

    @Test
    void trainRejectsNonPositiveCount() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BpeTrainer(300).train(Map.of("ok", 0L)));
        assertEquals("pre-token counts must be positive, got 0 for pre-token \"ok\"", error.getMessage());
    }

    /** Words over a 5-letter alphabet, so pairs repeat and ties are common. */
    private static Map<String, Long> randomCounts(Random random, int words) {
        Map<String, Long> counts = new HashMap<>();
        String letters = "abcde";
        for (int i = 0; i < words; i++) {
            StringBuilder word = new StringBuilder(random.nextBoolean() ? " " : "");
            int length = 1 + random.nextInt(9);
            for (int j = 0; j < length; j++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            counts.merge(word.toString(), 1L + random.nextInt(20), Long::sum);
        }
        return counts;
    }

    /**
     * Naive BPE training: recounts every pair before each merge and takes the highest count, then the
     * smallest (left, right). Token strings here are all distinct, so each merge gets a new id.
     */
    private static List<BpeModel.Merge> recountingTrainer(Map<String, Long> counts, int mergeCount) {
        List<List<Integer>> words = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            List<Integer> ids = new ArrayList<>();
            for (byte b : entry.getKey().getBytes(StandardCharsets.UTF_8)) {
                ids.add(2 + (b & 0xFF));
            }
            words.add(ids);
            weights.add(entry.getValue());
        }
        List<BpeModel.Merge> merges = new ArrayList<>();
        for (int step = 0; step < mergeCount; step++) {
            Map<List<Integer>, Long> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<Integer> ids = words.get(w);
                for (int i = 0; i + 1 < ids.size(); i++) {
                    pairCounts.merge(List.of(ids.get(i), ids.get(i + 1)), weights.get(w), Long::sum);
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (Map.Entry<List<Integer>, Long> entry : pairCounts.entrySet()) {
                List<Integer> pair = entry.getKey();
                long count = entry.getValue();
                boolean better = count > bestCount || (count == bestCount && best != null
                        && (pair.get(0) < best.get(0) || (pair.get(0).equals(best.get(0)) && pair.get(1) < best.get(1))));
                if (better) {
                    best = pair;
                    bestCount = count;
                }
            }
            if (best == null) {
                break;
            }
            int merged = FIRST_MERGED_ID + step;
            merges.add(new BpeModel.Merge(best.get(0), best.get(1), merged));
            for (List<Integer> ids : words) {
                for (int i = 0; i + 1 < ids.size(); i++) {
                    if (ids.get(i).equals(best.get(0)) && ids.get(i + 1).equals(best.get(1))) {
                        ids.set(i, merged);
                        ids.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }
}
