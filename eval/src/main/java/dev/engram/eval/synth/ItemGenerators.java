package dev.engram.eval.synth;

import dev.engram.eval.request.EvalItem;
import dev.engram.eval.score.TextCodec;
import dev.engram.eval.task.GeneratorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds the perplexity and cloze suites from a held-out corpus; needle items come from {@link NeedleItems}. */
public final class ItemGenerators {
    private static final int MIN_CLOZE_WORDS = 6;

    private ItemGenerators() {
    }

    public static List<EvalItem> generate(String task, GeneratorSpec spec, Corpus corpus, TextCodec codec) {
        return switch (spec.kind()) {
            case "perplexity" -> perplexity(task, spec, corpus);
            case "cloze" -> cloze(task, spec, corpus);
            case "niah" -> new NeedleItems(spec, corpus, codec).build(task);
            default -> throw new IllegalArgumentException("unknown generator kind " + spec.kind());
        };
    }

    /** Whole documents, a seeded sample of {@code samples} of them in corpus order. */
    static List<EvalItem> perplexity(String task, GeneratorSpec spec, Corpus corpus) {
        List<Integer> chosen = sample(corpus.documents().size(), spec.samples(), spec.seed());
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            String document = corpus.documents().get(chosen.get(i));
            items.add(new EvalItem(task, i, "", List.of(), List.of(), -1, document,
                    Map.of("characters", Integer.toString(document.length()))));
        }
        return items;
    }

    /**
     * LAMBADA-style items: the text before a sentence's last word is the context and the word the target,
     * scored as a continuation after a space. The context is the sentence's document up to that word, so
     * there is more than one sentence to draw on.
     */
    static List<EvalItem> cloze(String task, GeneratorSpec spec, Corpus corpus) {
        List<String[]> candidates = new ArrayList<>();
        for (String document : corpus.documents()) {
            StringBuilder before = new StringBuilder();
            for (String sentence : document.split("(?<=[.!?])\\s+")) {
                String body = sentence.strip().replaceAll("[.!?\"']+$", "");
                int lastSpace = body.lastIndexOf(' ');
                if (lastSpace > 0 && body.split("\\s+").length >= MIN_CLOZE_WORDS) {
                    String word = body.substring(lastSpace + 1);
                    if (word.chars().allMatch(Character::isLetter)) {
                        candidates.add(new String[] {before + body.substring(0, lastSpace), word});
                    }
                }
                before.append(sentence.strip()).append(' ');
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no sentence in the corpus has " + MIN_CLOZE_WORDS
                    + " or more words ending in a plain word, so no cloze item can be built");
        }
        List<Integer> chosen = sample(candidates.size(), spec.samples(), spec.seed());
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            String[] candidate = candidates.get(chosen.get(i));
            items.add(new EvalItem(task, i, candidate[0], List.of(" " + candidate[1]), List.of(), -1, candidate[1],
                    Map.of()));
        }
        return items;
    }

    /** Returns {@code min(count, size)} distinct indexes chosen by {@code seed}, in increasing order. */
    static List<Integer> sample(int size, int count, long seed) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, new Random(seed));
        List<Integer> chosen = new ArrayList<>(indexes.subList(0, Math.min(count, size)));
        Collections.sort(chosen);
        return chosen;
    }
}
