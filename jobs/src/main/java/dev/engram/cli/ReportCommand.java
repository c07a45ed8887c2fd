package dev.engram.cli;

import dev.engram.eval.report.ReportRun;
import dev.engram.eval.report.ReportWriter;
import dev.engram.jobs.eval.RunFolderReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram report}: report.html and report.md for one run folder, or a comparison of several. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Writes report.html (static, inline SVG plots) and report.md for evaluation runs. The first "
                + "run is the baseline that the others are compared against.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run folders written by engram eval.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder to write the report into (default: the first run folder).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ReportRun> loaded = new ArrayList<>();
        for (Path run : runs) {
            loaded.add(RunFolderReader.read(run));
        }
        Path folder = out != null ? out : runs.getFirst();
        ReportWriter.write(loaded, folder);
        spec.commandLine().getOut().println(folder.resolve(ReportWriter.HTML));
        spec.commandLine().getOut().println(folder.resolve(ReportWriter.MARKDOWN));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
