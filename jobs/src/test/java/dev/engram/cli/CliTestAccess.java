package dev.engram.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the package-private eval commands from tests in other packages and returns their standard output. */
public final class CliTestAccess {
    private static final Map<String, Supplier<Callable<Integer>>> COMMANDS = Map.of(
            "eval", EvalCommand::new, "report", ReportCommand::new, "bench-eval", EvalBenchCommand::new);

    private CliTestAccess() {
    }

    /** Runs a command and returns its output; fails with the error output if the exit status is not 0. */
    public static String execute(String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(COMMANDS.get(command).get());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        if (status != 0) {
            throw new AssertionError("engram " + command + " exited with " + status + ":\n" + err);
        }
        return out.toString();
    }
}
