package dev.engram.eval.task;

/** A task file that is malformed; the message names the file and the field. */
public final class TaskConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TaskConfigException(String source, String field, String problem) {
        super("task file " + source + ": field " + field + ": " + problem);
    }
}
