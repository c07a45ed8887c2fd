package dev.engram.jobs;

/**
 * A job cannot run with the inputs or flags it was given: a missing or corrupt input, an existing
 * output, a conflicting config. The message names the file or flag and states what was expected, and commands
 * print it without a stack trace.
 */
public class JobInputException extends RuntimeException {
    public JobInputException(String message) {
        super(message);
    }

    public JobInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
