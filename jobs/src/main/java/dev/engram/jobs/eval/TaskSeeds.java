package dev.engram.jobs.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.task.TaskLoader;

/** Applies {@code --seed}: one seed for every task's few-shot draws and corpus-built items. */
final class TaskSeeds {
    private TaskSeeds() {
    }

    /** Returns the task with its {@code fewshot.seed} and {@code generator.seed} set, as if its task file contained them. */
    static TaskConfig override(TaskConfig task, long seed) {
        ObjectNode raw = (ObjectNode) task.raw().deepCopy();
        if (raw.has("generator")) {
            ((ObjectNode) raw.get("generator")).put("seed", seed);
        }
        if (task.numFewshot() > 0) {
            ObjectNode fewshot = raw.has("fewshot") ? (ObjectNode) raw.get("fewshot") : raw.putObject("fewshot");
            fewshot.put("seed", seed);
        }
        return TaskLoader.parse(raw.toString(), "task " + task.name() + " with --seed " + seed);
    }
}
