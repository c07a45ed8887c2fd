package dev.engram.eval.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The task files shipped in this module, under {@code dev/engram/eval/tasks/NAME.yaml}. */
public final class BuiltinTasks {
    /** Names of the built-in suites; mmlu and bbh expand into one subtask per subject or task file. */
    public static final List<String> NAMES = List.of("arc_easy", "arc_challenge", "hellaswag", "piqa", "mmlu", "bbh",
            "gsm8k", "perplexity", "cloze", "niah_single", "niah_multikey", "niah_multivalue", "niah_multiquery");

    private BuiltinTasks() {
    }

    /** Loads a built-in task by name. */
    public static TaskConfig load(String name) {
        String resource = "/dev/engram/eval/tasks/" + name + ".yaml";
        try (InputStream in = BuiltinTasks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown suite " + name + "; built-in suites are " + NAMES
                        + ", or pass the path of a task file");
            }
            return TaskLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("failed to read built-in task " + resource, e);
        }
    }
}
