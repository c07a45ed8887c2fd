package dev.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.kernels.Kernels;
import dev.engram.model.ModelConfig;
import dev.engram.train.IsoCompute;
import dev.engram.train.TableFolderInit;
import dev.engram.train.TokenBatches;
import dev.engram.train.TokenShardReader;
import dev.engram.train.TrainableModel;
import dev.engram.train.Trainer;
import dev.engram.train.TrainingOptions;
import dev.engram.train.TrainingSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code engram train}: trains a baseline or Engram model from token shards on the CPU kernels. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains a model from scratch on tokenize output: next-token cross-entropy on packed windows, "
                + "AdamW with warmup and cosine decay, Engram rows by sparse Adam. Writes the model, "
                + "train-log.jsonl and a resumable checkpoint/ to --out.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--tokens", required = true, paramLabel = "DIR",
            description = "Token shards written by tokenize (Parquet with an ids column).")
    Path tokens;

    @Option(names = "--model-config", required = true, paramLabel = "FILE",
            description = "config.json of the model to train; an Engram config's compressed_vocab is read beside it.")
    Path modelConfig;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output model folder.")
    Path out;

    @Option(names = "--tables", paramLabel = "DIR",
            description = "build-tables output to start the Engram rows from; its hash seed, row width and primes "
                    + "must match the model's. Trained rows are saved in model.safetensors.")
    Path tables;

    @Option(names = "--iso-compute-baseline",
            description = "Train the baseline whose active compute per token matches the Engram model of "
                    + "--model-config: no Engram blocks, wider MLPs.")
    boolean isoComputeBaseline;

    @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "8", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seq-len", defaultValue = "256", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--min-lr", defaultValue = "3e-4", description = "Learning rate at the end of the cosine decay (default: ${DEFAULT-VALUE}).")
    double minLearningRate;

    @Option(names = "--warmup", defaultValue = "100", description = "Linear warmup steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW weight decay of dense matrices (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--clip", defaultValue = "1.0", description = "Maximum global gradient norm, 0 for none (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--engram-lr-multiplier", defaultValue = "5", description = "Engram table learning rate over the dense one (default: ${DEFAULT-VALUE}).")
    double engramLrMultiplier;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-every", defaultValue = "100", description = "Steps between validation passes, 0 for only the last (default: ${DEFAULT-VALUE}).")
    int validationEvery;

    @Option(names = "--val-batches", defaultValue = "8", description = "Batches per validation pass (default: ${DEFAULT-VALUE}).")
    int validationBatches;

    @Option(names = "--val-stride", defaultValue = "10", paramLabel = "N",
            description = "Hold out every N-th document for validation (default: ${DEFAULT-VALUE}).")
    int validationStride;

    @Option(names = "--separator-id", defaultValue = "-1", paramLabel = "ID",
            description = "Token id appended after every document, such as <|endoftext|> (id 0 in tokenizers from "
                    + "train-tokenizer); -1 joins documents directly (default: ${DEFAULT-VALUE}).")
    int separatorId;

    @Option(names = "--checkpoint-every", defaultValue = "200", description = "Steps between checkpoints, 0 for only the last (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--log-every", defaultValue = "10", description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--stop-after", paramLabel = "STEP",
            description = "Stop after this step with a checkpoint, keeping the schedule of --steps (default: --steps).")
    Integer stopAfter;

    @Option(names = "--resume", description = "Continue from --out/checkpoint with the same options.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: available processors).")
    Integer threads;

    @Mixin
    KernelsOption kernelsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tables != null && (resume || isoComputeBaseline)) {
            throw new ParameterException(spec.commandLine(), "--tables starts a new Engram model's rows, so it cannot "
                    + "be combined with " + (resume ? "--resume (the checkpoint has its rows)" : "--iso-compute-baseline"));
        }
        TrainingOptions options = new TrainingOptions(steps, batchSize, sequenceLength, learningRate, minLearningRate,
                warmup, weightDecay, 0.9, 0.95, 1e-8, clip, engramLrMultiplier, seed, validationEvery,
                validationBatches, checkpointEvery, logEvery);
        List<int[]> documents = TokenShardReader.readDocuments(tokens);
        TokenBatches data = new TokenBatches(documents, validationStride, separatorId, sequenceLength, batchSize, seed);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter console = spec.commandLine().getOut();

        try (TrainableModel model = openModel(console, options);
             Kernels kernels = kernelsOption.create(threadCount)) {
            Trainer trainer = new Trainer(model, kernels, options, data);
            TrainingSummary summary = trainer.train(out, resume, stopAfter != null ? stopAfter : steps);
            console.printf("trained %d steps, %d tokens, final val loss %.4f, %.0f tokens/s on %d threads; model in %s%n",
                    summary.steps(), summary.tokens(), summary.validationLoss(), summary.tokensPerSecond(),
                    threadCount, out);
            console.flush();
        }
        return 0;
    }

    private TrainableModel openModel(PrintWriter console, TrainingOptions options) throws Exception {
        if (resume) {
            if (!Trainer.hasCheckpoint(out)) {
                throw new ParameterException(spec.commandLine(), "--resume: no checkpoint found in "
                        + Trainer.checkpointFolder(out) + "; start without --resume");
            }
            return TrainableModel.load(Trainer.checkpointFolder(out));
        }
        ModelConfig config = ModelConfig.read(modelConfig);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(modelConfig.toFile());
        Path configFolder = modelConfig.toAbsolutePath().getParent();
        if (!isoComputeBaseline) {
            TrainableModel created = TrainableModel.initialize(config, json, configFolder, options.seed());
            if (tables != null) {
                try {
                    TableFolderInit.load(created, tables);
                } catch (Exception e) {
                    created.close();
                    throw e;
                }
            }
            return created;
        }
        if (!config.hasEngram()) {
            throw new ParameterException(spec.commandLine(), "--iso-compute-baseline needs an Engram model config, but "
                    + modelConfig + " has no engram section");
        }
        ObjectNode baselineJson = IsoCompute.baselineConfig(config, json);
        Files.createDirectories(out);
        Path baselineFile = out.resolve("baseline-config.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(baselineFile.toFile(), baselineJson);
        ModelConfig baseline = ModelConfig.read(baselineFile);
        console.printf("iso-compute baseline: intermediate_size %d -> %d, forward FLOPs per token %.0f (Engram model "
                        + "%.0f)%n", config.intermediateSize(), baseline.intermediateSize(),
                IsoCompute.flopsPerToken(baseline, options.sequenceLength()),
                IsoCompute.flopsPerToken(config, options.sequenceLength()));
        return TrainableModel.initialize(baseline, baselineJson, configFolder, options.seed());
    }
}
