package dev.engram.jobs;

/** The output folder of a job exists already and {@code --overwrite} was not given. */
public final class OutputExistsException extends JobInputException {
    public OutputExistsException(String message) {
        super(message);
    }
}
