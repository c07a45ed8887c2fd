package dev.engram.eval.request;

import dev.engram.eval.task.TaskConfig;
import java.util.List;

/** A task (or one subtask of a group) with its items built. */
public record TaskItems(TaskConfig task, List<EvalItem> items) {
    public TaskItems {
        items = List.copyOf(items);
    }
}
