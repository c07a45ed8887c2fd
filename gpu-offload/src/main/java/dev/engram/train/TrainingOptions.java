package dev.engram.train;

/**
 * Hyperparameters of a training run. Engram tables always train with Adam at {@code engramLrMultiplier} times
 * the dense learning rate and without weight decay.
 *
 * @param steps              optimizer steps in the whole run
 * @param batchSize          sequences per step
 * @param sequenceLength     predicted tokens per sequence (windows hold one more id)
 * @param learningRate       peak learning rate of the dense weights
 * @param minLearningRate    learning rate at the end of the cosine decay
 * @param warmupSteps        steps of linear warmup from 0 to the peak
 * @param weightDecay        AdamW decoupled weight decay of dense matrices
 * @param beta1              Adam first-moment decay
 * @param beta2              Adam second-moment decay
 * @param adamEpsilon        Adam denominator epsilon
 * @param gradientClip       maximum global gradient L2 norm, dense and table gradients together; 0 disables
 * @param engramLrMultiplier table learning rate over the dense one
 * @param seed               seed of initialization and data order
 * @param validationEvery    steps between validation passes; 0 disables
 * @param validationBatches  batches per validation pass
 * @param checkpointEvery    steps between checkpoints; 0 keeps only the final one
 * @param logEvery           steps between progress lines
 */
public record TrainingOptions(int steps, int batchSize, int sequenceLength, double learningRate,
                              double minLearningRate, int warmupSteps, double weightDecay, double beta1, double beta2,
                              double adamEpsilon, double gradientClip, double engramLrMultiplier, long seed,
                              int validationEvery, int validationBatches, int checkpointEvery, int logEvery) {

    public TrainingOptions {
        positive("steps", steps);
        positive("batchSize", batchSize);
        positive("sequenceLength", sequenceLength);
        positive("validationBatches", validationBatches);
        positive("logEvery", logEvery);
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= min <= peak and peak > 0, got peak "
                    + learningRate + " and min " + minLearningRate);
        }
        if (warmupSteps < 0 || validationEvery < 0 || checkpointEvery < 0 || weightDecay < 0 || gradientClip < 0) {
            throw new IllegalArgumentException("warmupSteps, validationEvery, checkpointEvery, weightDecay and "
                    + "gradientClip must not be negative");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && adamEpsilon > 0)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1) and a positive epsilon, got beta1 " + beta1
                    + ", beta2 " + beta2 + ", epsilon " + adamEpsilon);
        }
    }

    /** Returns the defaults for {@code steps} steps: batch 8 x 256 tokens, peak 3e-3 decaying to 3e-4. */
    public static TrainingOptions defaults(int steps) {
        return new TrainingOptions(steps, 8, 256, 3e-3, 3e-4, Math.min(100, steps / 10), 0.1, 0.9, 0.95, 1e-8, 1.0,
                5.0, 0, 50, 4, 0, 10);
    }

    /** Returns the learning rate of the dense weights at 0-based {@code step}: linear warmup, then cosine decay. */
    public double learningRate(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, steps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return minLearningRate + 0.5 * (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress));
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
