package dev.engram.cli;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code engram} command: one subcommand per pipeline stage or debug tool. */
@Command(
        name = "engram",
        mixinStandardHelpOptions = true,
        versionProvider = EngramCli.Version.class,
        description = "Builds DeepSeek-style Engram n-gram tables from text corpora with Apache Spark and evaluates them.",
        subcommands = {
            AssetsCommand.class,
            VocabCommand.class,
            HashCommand.class,
            ScoreCommand.class,
            GenerateCommand.class,
            TrainCommand.class,
            TrainTokenizerCommand.class,
            TokenizeCommand.class,
            CountNgramsCommand.class,
            BuildTablesCommand.class,
            TableStatsCommand.class,
            EvalCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class EngramCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EngramCli.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Builds the command line with error handling that prints one clear line instead of a stack trace. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new EngramCli());
        commandLine.setExecutionExceptionHandler((exception, cli, parseResult) -> {
            LOG.debug("engram {} failed", cli.getCommandName(), exception);
            cli.getErr().println("engram " + cli.getCommandName() + ": error: " + describe(exception));
            return exception instanceof IllegalArgumentException
                    ? CommandLine.ExitCode.USAGE
                    : CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    private static String describe(Throwable exception) {
        StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    /** Reads the version Maven wrote into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EngramCli.class.getPackage().getImplementationVersion();
            return new String[] {"engram " + (version == null ? "(development build)" : version)};
        }
    }
}
