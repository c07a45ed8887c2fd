package dev.engram.cli;

import dev.engram.kernels.BlasKernels;
import dev.engram.kernels.Kernels;
import dev.engram.kernels.VectorKernels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --kernels} option of the commands that train or time models on the CPU, as a picocli mixin. */
final class KernelsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--kernels", defaultValue = "blas", paramLabel = "NAME",
            description = "blas: native BLAS matmuls (falls back to vector when none loads); vector: Vector API only "
                    + "(default: ${DEFAULT-VALUE}).")
    String name;

    /** Creates the chosen backend with {@code threads} worker threads. */
    Kernels create(int threads) {
        return switch (name) {
            case "blas" -> BlasKernels.createOrFallback(threads);
            case "vector" -> new VectorKernels(threads);
            default -> throw new ParameterException(mixee.commandLine(), "--kernels must be blas or vector, got " + name);
        };
    }
}
