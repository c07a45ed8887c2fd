package dev.engram.cli;

import dev.engram.jobs.BuildTablesJob;
import dev.engram.jobs.JobInputException;
import dev.engram.jobs.SparkSessions;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram build-tables}: n-gram counts to sharded Engram tables. */
@Command(name = "build-tables", mixinStandardHelpOptions = true,
        description = "Hash every n-gram into every (layer, order, head) and write one Parquet shard per"
                + " (layer, order, head) with manifest.json.")
public final class BuildTablesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--ngrams", required = true, paramLabel = "DIR", description = "Output folder of count-ngrams.")
    private String ngrams;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON table config with the keys layers, max-ngram, heads, table-sizes, head-dim, seed,"
                    + " pad-token-id, tokenizer; flags override it.")
    private Path configFile;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "tokenizer.json the tokens were made with.")
    private String tokenizer;

    @Option(names = "--layers", split = ",", paramLabel = "ID,...", description = "Layer ids that get tables, e.g. 1,15.")
    private List<Integer> layers;

    @Option(names = "--max-ngram", paramLabel = "N", description = "Largest n-gram order; orders 2..N get tables.")
    private Integer maxNgram;

    @Option(names = "--heads", paramLabel = "K", description = "Hash heads per order.")
    private Integer heads;

    @Option(names = "--table-sizes", split = ",", paramLabel = "SIZE,...",
            description = "Table size per order 2..N (one value applies to every order); each head gets a"
                    + " distinct prime above it.")
    private List<Integer> tableSizes;

    @Option(names = "--head-dim", paramLabel = "D", description = "Embedding width per head (floats per row).")
    private Integer headDim;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of multipliers and initial vectors. Default: 0.")
    private Integer seed;

    @Option(names = "--pad-token-id", paramLabel = "ID",
            description = "Tokenizer id whose compressed id fills positions before a document start.")
    private Integer padTokenId;

    @Option(names = "--store-empty-buckets",
            description = "Also write rows for buckets no n-gram reaches (by default a reader regenerates them).")
    private boolean storeEmptyBuckets;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Table folder; must not exist unless --overwrite.")
    private String out;

    @Option(names = "--overwrite", description = "Replace an existing table folder once the new one is complete.")
    private boolean overwrite;

    @Override
    public Integer call() {
        return CommandErrors.run("build-tables", spec.commandLine().getErr(), () -> {
            TableConfigFile file = TableConfigFile.read(configFile);
            int order = require("max-ngram", file.integer("max-ngram", maxNgram));
            List<Integer> sizes = require("table-sizes", file.integers("table-sizes", tableSizes));
            if (sizes.size() == 1 && order > 2) {
                sizes = new ArrayList<>(Collections.nCopies(order - 1, sizes.get(0)));
            }
            Integer seedValue = file.integer("seed", seed);
            TableConfig config = new TableConfig(require("layers", file.integers("layers", layers)), order,
                    require("heads", file.integer("heads", heads)), sizes,
                    require("head-dim", file.integer("head-dim", headDim)), seedValue == null ? 0 : seedValue,
                    require("pad-token-id", file.integer("pad-token-id", padTokenId)));
            Path tokenizerPath = Path.of(require("tokenizer", file.string("tokenizer", tokenizer)));

            long start = System.nanoTime();
            try (SparkSessions.Handle session = SparkSessions.start("engram build-tables")) {
                TableManifest manifest = BuildTablesJob.run(session.spark(), new BuildTablesJob.Options(ngrams, config,
                        tokenizerPath, out, overwrite, storeEmptyBuckets));
                long rows = manifest.shards().stream().mapToLong(ShardEntry::rows).sum();
                long bytes = manifest.shards().stream().mapToLong(ShardEntry::bytes).sum();
                spec.commandLine().getOut().printf("build-tables: %d shards, %d stored rows, %.1f MB in %.1f s, written to %s%n",
                        manifest.shards().size(), rows, bytes / 1e6, (System.nanoTime() - start) / 1e9, out);
                spec.commandLine().getOut().flush();
            }
            return 0;
        });
    }

    private static <T> T require(String key, T value) {
        if (value == null) {
            throw new JobInputException("missing --" + key + ": give the flag or the key '" + key + "' in --config FILE");
        }
        return value;
    }
}
