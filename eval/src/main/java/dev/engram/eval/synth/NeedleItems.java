package dev.engram.eval.synth;

import dev.engram.eval.request.EvalItem;
import dev.engram.eval.score.TextCodec;
import dev.engram.eval.task.GeneratorSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Needle-in-a-haystack items with RULER's four retrieval variants (Hsieh et al., 2024, "RULER: What's the
 * Real Context Size of Your Long-Context Language Models?"). A needle is a sentence binding a key word to a
 * 7-digit value; needles go into held-out corpus text at a fractional depth, and the prompt asks for the
 * value(s) of the queried key(s).
 *
 * <ul>
 *   <li>{@code single}: one needle, its key queried;
 *   <li>{@code multikey}: four needles with distinct keys, one queried, three distractors;
 *   <li>{@code multivalue}: four needles sharing one key, all four values expected;
 *   <li>{@code multiquery}: four needles with distinct keys, all four queried and expected.
 * </ul>
 *
 * <p>The haystack is filled to the context length measured in the model's tokens, minus the prompt
 * around it. The target holds the expected values one per line for {@code string_match_all}.
 */
final class NeedleItems {
    private static final int NEEDLES = 4;

    private final GeneratorSpec spec;
    private final List<String> sentences;
    private final int[] sentenceTokens;
    private final List<String> keyWords;
    private final TextCodec codec;

    NeedleItems(GeneratorSpec spec, Corpus corpus, TextCodec codec) {
        this.spec = spec;
        this.codec = codec;
        this.sentences = corpus.sentences();
        this.sentenceTokens = new int[sentences.size()];
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (int i = 0; i < sentences.size(); i++) {
            sentenceTokens[i] = codec.encode(" " + sentences.get(i)).length;
            for (String word : sentences.get(i).split("\\W+")) {
                if (word.length() >= 5 && word.chars().allMatch(Character::isLowerCase)) {
                    words.add(word);
                }
            }
        }
        this.keyWords = new ArrayList<>(words);
        if (keyWords.size() < NEEDLES) {
            throw new IllegalArgumentException("the corpus has fewer than " + NEEDLES
                    + " distinct lower-case words of 5 or more letters to use as needle keys");
        }
    }

    List<EvalItem> build(String task) {
        List<EvalItem> items = new ArrayList<>();
        Random random = new Random(spec.seed());
        for (int length : spec.contextLengths()) {
            for (double depth : spec.depths()) {
                for (int sample = 0; sample < spec.samples(); sample++) {
                    items.add(item(task, items.size(), length, depth, random));
                }
            }
        }
        return items;
    }

    private EvalItem item(String task, int docId, int length, double depth, Random random) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < NEEDLES) {
            String key = keyWords.get(random.nextInt(keyWords.size()));
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        List<String> needleKeys = spec.variant().equals("multivalue") ? List.of(keys.getFirst(), keys.getFirst(),
                keys.getFirst(), keys.getFirst()) : spec.variant().equals("single") ? List.of(keys.getFirst()) : keys;
        List<String> values = new ArrayList<>();
        List<String> needles = new ArrayList<>();
        for (String key : needleKeys) {
            String value = Integer.toString(1_000_000 + random.nextInt(9_000_000));
            values.add(value);
            needles.add("The secret number for " + key + " is " + value + ".");
        }
        List<String> queried = spec.variant().equals("multiquery") ? keys : List.of(keys.getFirst());
        List<String> expected = switch (spec.variant()) {
            case "multivalue", "multiquery" -> values;
            default -> List.of(values.getFirst());
        };

        String question = "\nWhat " + (expected.size() > 1 ? "are the secret numbers" : "is the secret number")
                + " for " + String.join(", ", queried) + " in the text above?\nAnswer:";
        String header = "Remember the secret numbers hidden in the text below.\n";
        int budget = length - codec.encode(header + question).length - codec.encode(String.join(" ", needles)).length;
        List<String> haystack = haystack(Math.max(0, budget), random);
        int at = (int) Math.round(depth * haystack.size());
        List<String> text = new ArrayList<>(haystack.subList(0, at));
        text.addAll(shuffled(needles, random));
        text.addAll(haystack.subList(at, haystack.size()));
        String context = header + String.join(" ", text) + question;
        return new EvalItem(task, docId, context, List.of(), List.of(), -1, String.join("\n", expected),
                Map.of("context_length", Integer.toString(length), "depth", Double.toString(depth)));
    }

    /** Returns consecutive corpus sentences from a random start, wrapping around, totalling at most {@code tokens}. */
    private List<String> haystack(int tokens, Random random) {
        List<String> out = new ArrayList<>();
        int used = 0;
        int start = random.nextInt(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            int index = (start + i) % sentences.size();
            if (used + sentenceTokens[index] > tokens) {
                break;
            }
            out.add(sentences.get(index));
            used += sentenceTokens[index];
        }
        return out;
    }

    private static List<String> shuffled(List<String> needles, Random random) {
        List<String> copy = new ArrayList<>(needles);
        java.util.Collections.shuffle(copy, random);
        return copy;
    }
}
