package dev.engram.cli;

import dev.engram.jobs.JobInputException;
import dev.engram.table.ShardChecksumException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command body and turns failures into one readable line on the error stream and exit code 1.
 *
 * <p>Spark wraps an exception thrown in an executor in a {@code SparkException} whose message contains the
 * remote stack trace, so the cause chain is searched for the job's own exception, whose message names
 * the file or flag. Failures of any other kind also get their stack trace, because they are bugs.
 */
final class CommandErrors {
    private static final Logger LOG = LoggerFactory.getLogger(CommandErrors.class);

    private CommandErrors() {
    }

    static int run(String command, PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception e) {
            Throwable known = findKnown(e);
            if (known != null) {
                err.println("engram " + command + ": error: " + known.getMessage());
            } else {
                err.println("engram " + command + ": error: " + firstLine(e.getMessage()));
                LOG.error("engram {} failed", command, e);
            }
            err.flush();
            return 1;
        }
    }

    private static Throwable findKnown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobInputException || t instanceof ShardChecksumException) {
                return t;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
