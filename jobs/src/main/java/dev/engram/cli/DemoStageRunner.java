package dev.engram.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the demo's stages: logs each start and end with its wall time, skips a stage whose published output
 * already exists, and turns a failure into a message that names the stage and how to resume.
 */
final class DemoStageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DemoStageRunner.class);

    /** Body of a stage implemented in the demo itself rather than by an engram subcommand. */
    interface StageBody<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} as the stage {@code name}, logging its wall time. */
    <T> T stage(String name, StageBody<T> body) {
        long start = System.nanoTime();
        LOG.info("stage {}: starting", name);
        T result;
        try {
            result = body.run();
        } catch (Exception e) {
            throw failed(name, e.getMessage(), e);
        }
        LOG.info("stage {}: done in {} s", name, seconds(start));
        return result;
    }

    /** Runs one engram subcommand as a stage, unless its published output {@code output} already exists. */
    void command(String name, Path output, String... args) {
        if (output != null && Files.exists(output)) {
            LOG.info("stage {}: output {} already complete, skipping", name, output);
            return;
        }
        long start = System.nanoTime();
        LOG.info("stage {}: starting: engram {}", name, String.join(" ", args));
        int exitCode = EngramCli.newCommandLine().execute(args);
        if (exitCode != CommandLine.ExitCode.OK) {
            throw failed(name, "exit code " + exitCode + "; see the error above", null);
        }
        LOG.info("stage {}: done in {} s", name, seconds(start));
    }

    static IllegalStateException failed(String name, String problem, Exception cause) {
        return new IllegalStateException("demo stage '" + name + "' failed: " + problem
                + ". Fix the cause and rerun the same 'engram demo' command to resume from this stage.", cause);
    }

    static String seconds(long startNanos) {
        return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
