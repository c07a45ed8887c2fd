package dev.engram.eval.request;

import java.util.List;
import java.util.Map;

/**
 * One document of a task turned into text to score.
 *
 * @param task          task (or subtask) name
 * @param docId         the document's position in its file or generator
 * @param context       prompt text, few-shot examples and description included; empty for rolling items
 * @param continuations for multiple_choice, target delimiter plus each choice; for loglikelihood, the
 *                      delimited target; empty otherwise
 * @param choices       the raw choice texts, whose character lengths normalise {@code acc_norm}
 * @param gold          index of the correct choice, or -1 where there are no choices
 * @param target        reference text for generation and loglikelihood items, the document for rolling ones
 * @param tags          facts the report groups by, such as {@code context_length} and {@code depth}
 */
public record EvalItem(String task, int docId, String context, List<String> continuations, List<String> choices,
                       int gold, String target, Map<String, String> tags)
        implements java.io.Serializable {

    public EvalItem {
        continuations = List.copyOf(continuations);
        choices = List.copyOf(choices);
        tags = Map.copyOf(tags);
    }

    /** Returns a sha256 of everything that affects the score, which keys the score cache with the model sha. */
    public String hash() {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (String part : parts()) {
            byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private List<String> parts() {
        List<String> parts = new java.util.ArrayList<>();
        parts.add(task);
        parts.add(context);
        parts.add(target);
        parts.add(Integer.toString(gold));
        parts.addAll(continuations);
        parts.add("|");
        parts.addAll(choices);
        return parts;
    }
}
