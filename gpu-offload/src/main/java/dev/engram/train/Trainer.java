package dev.engram.train;

import dev.engram.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: next-token cross-entropy on packed windows, AdamW on dense weights with warmup and cosine
 * decay, sparse Adam on the Engram rows a step touched, global gradient-norm clipping over both.
 *
 * <p>Output folder: the final model files, {@code train-log.jsonl}, and {@code checkpoint/} (see
 * {@link Checkpoint}), rewritten every {@code checkpointEvery} steps and at the end. With the same seed, data
 * and thread count, a run is deterministic, and resuming from a checkpoint repeats the losses of an
 * uninterrupted run exactly.
 */
public final class Trainer {
    /** Folder inside the output model where the trained Engram rows are also written as a table folder. */
    public static final String TRAINED_TABLES = "tables";
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    static final String LOG_FILE = "train-log.jsonl";
    static final String CHECKPOINT_DIR = "checkpoint";

    private final TrainableModel model;
    private final TrainingOptions options;
    private final TokenBatches data;
    private final ForwardBackward forwardBackward;
    private final StepTimer timer = new StepTimer();
    private final AdamW adamW;
    private final SparseAdam sparseAdam;

    /** @param model the model to train in place; the caller keeps ownership and closes it */
    public Trainer(TrainableModel model, Kernels kernels, TrainingOptions options, TokenBatches data) {
        this.model = model;
        this.options = options;
        this.data = data;
        this.forwardBackward = new ForwardBackward(model, kernels, timer);
        this.adamW = new AdamW(model.parameters());
        this.sparseAdam = new SparseAdam(model.tables());
    }

    /**
     * Trains until {@code options.steps()} and writes the model to {@code output}.
     *
     * @param resume true to continue from {@code output/checkpoint}, whose weights must already be in the model
     *               (load it with {@link TrainableModel#load})
     */
    public TrainingSummary train(Path output, boolean resume) throws IOException {
        return train(output, resume, options.steps());
    }

    /**
     * Trains until step {@code stopAfter} (at most {@code options.steps()}), as if stopped there: an early stop
     * writes the checkpoint but not the final model, and the learning-rate schedule still spans all steps.
     */
    public TrainingSummary train(Path output, boolean resume, int stopAfter) throws IOException {
        if (stopAfter < 1 || stopAfter > options.steps()) {
            throw new IllegalArgumentException("stop step must be in [1, " + options.steps() + "], got " + stopAfter);
        }
        Path checkpoint = output.resolve(CHECKPOINT_DIR);
        Checkpoint.State state = resume ? Checkpoint.restore(checkpoint, adamW, sparseAdam, options)
                : new Checkpoint.State(0, 0);
        int firstStep = state.step();
        long tokens = state.tokens();
        LOG.info("Training start: steps {}..{}, batch {} x {} tokens, {} dense parameters, {} Engram table rows, "
                        + "{} training tokens, {} held-out tokens", firstStep, options.steps(), options.batchSize(),
                options.sequenceLength(), denseParameterCount(), tableRowCount(), data.trainTokenCount(),
                data.validationTokenCount());

        double[] losses = new double[Math.max(0, stopAfter - firstStep)];
        double trainSeconds = 0;
        long windowStart = System.nanoTime();
        long windowTokens = 0;
        double validationLoss = Double.NaN;
        try (TrainingLog log = new TrainingLog(output.resolve(LOG_FILE), resume)) {
            for (int step = firstStep; step < stopAfter; step++) {
                long stepStart = System.nanoTime();
                StepOutcome outcome = step(step);
                trainSeconds += (System.nanoTime() - stepStart) / 1e9;
                tokens += outcome.result().tokens();
                windowTokens += outcome.result().tokens();
                losses[step - firstStep] = outcome.result().loss();
                double tokensPerSecond = windowTokens / ((System.nanoTime() - windowStart) / 1e9);

                int done = step + 1;
                Double stepValidation = null;
                if ((options.validationEvery() > 0 && done % options.validationEvery() == 0) || done == stopAfter) {
                    validationLoss = validate();
                    stepValidation = validationLoss;
                }
                log.write(done, tokens, outcome.result().loss(), stepValidation, outcome.learningRate(),
                        tokensPerSecond, outcome.gradientNorm(), outcome.result().gateMean(),
                        outcome.result().gateStd());
                if (done % options.logEvery() == 0 || done == stopAfter) {
                    LOG.info("step {}/{} loss {} val {} lr {} {} tokens/s gate {}", done, options.steps(),
                            String.format("%.4f", outcome.result().loss()),
                            Double.isNaN(validationLoss) ? "-" : String.format("%.4f", validationLoss),
                            String.format("%.2e", outcome.learningRate()), String.format("%.0f", tokensPerSecond),
                            Arrays.toString(outcome.result().gateMean()));
                    windowStart = System.nanoTime();
                    windowTokens = 0;
                }
                if (options.checkpointEvery() > 0 && done % options.checkpointEvery() == 0 && done < stopAfter) {
                    Checkpoint.write(checkpoint, model, adamW, sparseAdam, options, done, tokens);
                }
            }
        }
        Checkpoint.write(checkpoint, model, adamW, sparseAdam, options, stopAfter, tokens);
        if (stopAfter == options.steps()) {
            model.save(output);
            if (model.config().hasEngram()) {
                TrainedTables.write(model, output.resolve(TRAINED_TABLES),
                        output.resolve(model.config().engram().compressedVocab()));
            }
        }
        double throughput = (tokens - state.tokens()) / Math.max(1e-9, trainSeconds);
        logTimeSplit(throughput);
        return new TrainingSummary(stopAfter, tokens, losses, validationLoss, throughput);
    }

    /**
     * Runs one optimizer step on the batch of 0-based {@code step} outside {@link #train}, with no log,
     * validation or checkpoint; benchmarks time this.
     */
    public StepResult trainStep(int step) {
        return step(step).result();
    }

    private record StepOutcome(StepResult result, double learningRate, double gradientNorm) {
    }

    private StepOutcome step(int step) {
        long dataStart = System.nanoTime();
        int[][] batch = data.trainBatch(step);
        timer.add(StepTimer.Phase.DATA, dataStart);
        model.zeroGradients();
        StepResult result = forwardBackward.run(batch, true);

        long optimizerStart = System.nanoTime();
        double norm = clipGradients(result.rowGradients());
        double learningRate = options.learningRate(step);
        adamW.step(model.parameters(), learningRate, options, step + 1);
        sparseAdam.step(model.tables(), result.rowGradients(), learningRate * options.engramLrMultiplier(), options,
                step + 1);
        timer.add(StepTimer.Phase.OPTIMIZER, optimizerStart);
        return new StepOutcome(result, learningRate, norm);
    }

    /** Scales all gradients so their global L2 norm is at most the clip, and returns the norm before clipping. */
    private double clipGradients(EngramRowGradients[] rowGradients) {
        double squares = 0;
        for (Parameter parameter : model.parameters()) {
            for (float g : parameter.gradient()) {
                squares += (double) g * g;
            }
        }
        for (EngramRowGradients rows : rowGradients) {
            squares += rows.squaredNorm();
        }
        double norm = Math.sqrt(squares);
        if (options.gradientClip() > 0 && norm > options.gradientClip()) {
            float factor = (float) (options.gradientClip() / norm);
            for (Parameter parameter : model.parameters()) {
                float[] gradient = parameter.gradient();
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] *= factor;
                }
            }
            for (EngramRowGradients rows : rowGradients) {
                rows.scale(factor);
            }
        }
        return norm;
    }

    /** Returns the mean loss over the configured number of held-out batches. */
    public double validate() {
        double sum = 0;
        for (int i = 0; i < options.validationBatches(); i++) {
            sum += forwardBackward.run(data.validationBatch(i), false).loss();
        }
        return sum / options.validationBatches();
    }

    /** Returns the phase timer, which counts time since the trainer was created. */
    public StepTimer timer() {
        return timer;
    }

    private void logTimeSplit(double throughput) {
        LOG.info("Training done: {} tokens/s; seconds forward {} backward {} (Engram inside both {}) optimizer {} "
                        + "data {}", String.format("%.0f", throughput),
                String.format("%.1f", timer.seconds(StepTimer.Phase.FORWARD)),
                String.format("%.1f", timer.seconds(StepTimer.Phase.BACKWARD)),
                String.format("%.1f", timer.seconds(StepTimer.Phase.ENGRAM)),
                String.format("%.1f", timer.seconds(StepTimer.Phase.OPTIMIZER)),
                String.format("%.1f", timer.seconds(StepTimer.Phase.DATA)));
    }

    private long denseParameterCount() {
        long count = 0;
        for (Parameter parameter : model.parameters()) {
            count += parameter.values().length;
        }
        return count;
    }

    private long tableRowCount() {
        long rows = 0;
        for (OffHeapTable table : model.tables()) {
            rows += table.rows();
        }
        return rows;
    }

    /** Returns whether {@code output} contains a checkpoint to resume from. */
    public static boolean hasCheckpoint(Path output) {
        return Files.exists(output.resolve(CHECKPOINT_DIR).resolve(Checkpoint.STATE_FILE));
    }

    /** Returns the checkpoint folder of an output folder. */
    public static Path checkpointFolder(Path output) {
        return output.resolve(CHECKPOINT_DIR);
    }
}
