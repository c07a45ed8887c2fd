package dev.engram.cli;

import dev.engram.jobs.SparkSessions;
import dev.engram.jobs.TableStatsJob;
import dev.engram.jobs.TableStatsSummary;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.TableStats;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram table-stats}: fill, collisions and hot-row coverage of a table folder. */
@Command(name = "table-stats", mixinStandardHelpOptions = true,
        description = "Compute fill ratio, count-weighted collision rate, max bucket load, positions colliding"
                + " in every head and hot-row coverage; writes stats.json into the table folder.")
public final class TableStatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Output folder of build-tables.")
    private String tables;

    @Option(names = "--json", description = "Print stats.json instead of the readable summary.")
    private boolean json;

    @Override
    public Integer call() {
        return CommandErrors.run("table-stats", spec.commandLine().getErr(), () -> {
            try (SparkSessions.Handle session = SparkSessions.start("engram table-stats")) {
                TableStats stats = TableStatsJob.run(session.spark(), tables);
                spec.commandLine().getOut().print(json
                        ? new String(ManifestJson.toBytes(stats), StandardCharsets.UTF_8)
                        : TableStatsSummary.format(stats));
                spec.commandLine().getOut().flush();
            }
            return 0;
        });
    }
}
