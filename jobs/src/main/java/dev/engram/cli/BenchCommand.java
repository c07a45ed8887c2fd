package dev.engram.cli;

import picocli.CommandLine.Command;

/** {@code engram bench}: throughput benchmarks that print figures and ratios against a reference. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Throughput benchmarks. Each discards warm-up rounds and reports the median of the measured rounds.",
        subcommands = {HashBenchCommand.class, TokenizerBenchCommand.class, PipelineBenchCommand.class, ForwardBenchCommand.class, OffloadBenchCommand.class, TrainBenchCommand.class, EvalBenchCommand.class})
final class BenchCommand {
}
