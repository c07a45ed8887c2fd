package dev.engram.jobs.eval;

import dev.engram.eval.task.TaskConfig;
import dev.engram.eval.task.TaskLoader;
import java.io.Serializable;

/**
 * A task config in a form Spark can ship: the task file's content as JSON, plus the subtask name and group
 * when the task is one subtask of a group file. Executors parse it again to score.
 */
record TaskSource(String name, String group, String json) implements Serializable {

    static TaskSource of(TaskConfig task) {
        return new TaskSource(task.name(), task.group(), task.raw().toString());
    }

    TaskConfig load() {
        TaskConfig parsed = TaskLoader.parse(json, "task " + name);
        return parsed.name().equals(name) ? parsed
                : parsed.withName(name, group, parsed.dataset(), parsed.fewshot());
    }
}
