package dev.engram.train;

import dev.engram.kernels.Kernels;
import dev.engram.model.LayerWeights;
import dev.engram.model.ModelConfig;
import dev.engram.model.ModelWeights;

/**
 * The loss of a batch of token sequences and its gradient with respect to every weight of a
 * {@link TrainableModel}. Each sequence is scored on its own from position 0 (rotary positions, attention,
 * Engram hashing and convolution all restart), which is how packed training windows are treated.
 *
 * <p>Dense gradients are accumulated into each {@link Parameter#gradient()}; callers zero them between steps.
 * Not thread-safe.
 */
public final class ForwardBackward {
    private final TrainableModel model;
    private final Kernels kernels;
    private final DecoderLayerPass layerPass;
    private final EngramBlockPass engramPass;
    private final StepTimer timer;

    public ForwardBackward(TrainableModel model, Kernels kernels, StepTimer timer) {
        this.model = model;
        this.kernels = kernels;
        this.layerPass = new DecoderLayerPass(kernels, model);
        this.engramPass = model.config().hasEngram() ? new EngramBlockPass(kernels, model) : null;
        this.timer = timer;
    }

    /**
     * Runs the batch and, when {@code backward} is true, accumulates gradients.
     *
     * @param sequences equal-length token windows; position {@code t} predicts the token at {@code t + 1}, so a
     *                  window of {@code L + 1} ids gives {@code L} predictions
     */
    public StepResult run(int[][] sequences, boolean backward) {
        ModelConfig config = model.config();
        ModelWeights weights = model.weights();
        int count = sequences.length;
        int length = sequences[0].length - 1;
        int rows = count * length;
        int dim = config.hiddenSize();
        int[] inputs = new int[rows];
        int[] targets = new int[rows];
        for (int s = 0; s < count; s++) {
            if (sequences[s].length != length + 1) {
                throw new IllegalArgumentException("sequence " + s + " has " + sequences[s].length
                        + " ids; every sequence of the batch needs " + (length + 1));
            }
            System.arraycopy(sequences[s], 0, inputs, s * length, length);
            System.arraycopy(sequences[s], 1, targets, s * length, length);
        }

        long start = System.nanoTime();
        float[] hidden = new float[rows * dim];
        kernels.embeddingGather(weights.embedTokens(), inputs, hidden);
        int engramLayers = config.hasEngram() ? config.engram().layerIds().length : 0;
        int[] compressed = compress(inputs, engramLayers);
        DecoderLayerPass.Tape[] layerTapes = new DecoderLayerPass.Tape[config.numLayers()];
        EngramBlockPass.Tape[] engramTapes = new EngramBlockPass.Tape[config.numLayers()];
        double[] gateMean = new double[engramLayers];
        double[] gateStd = new double[engramLayers];
        for (int layer = 0; layer < config.numLayers(); layer++) {
            LayerWeights w = weights.layers().get(layer);
            if (w.engram() != null) {
                long engramStart = System.nanoTime();
                int index = config.engram().indexOfLayer(layer);
                engramTapes[layer] = engramPass.forward(index, w.engram(), hidden, compressed, count, length);
                gateStatistics(engramTapes[layer].alpha(), index, gateMean, gateStd);
                timer.add(StepTimer.Phase.ENGRAM, engramStart);
            }
            layerTapes[layer] = layerPass.forward(w, hidden, count, length);
        }
        float[] finalInput = hidden;
        float[] normed = new float[rows * dim];
        kernels.rmsNorm(finalInput, rows, dim, weights.finalNorm(), (float) config.rmsNormEps(), normed);
        float[] logits = new float[rows * config.vocabSize()];
        kernels.matmul(normed, rows, weights.lmHead(), logits);
        double lossSum = kernels.crossEntropyBackward(logits, rows, config.vocabSize(), targets, 1f / rows);
        timer.add(StepTimer.Phase.FORWARD, start);
        if (!backward) {
            return new StepResult(lossSum / rows, rows, gateMean, gateStd, null);
        }

        long backwardStart = System.nanoTime();
        float[] dNormed = new float[rows * dim];
        kernels.matmulBackward(normed, rows, weights.lmHead(), logits, dNormed, model.parameter("lm_head.weight").gradient());
        float[] dHidden = new float[rows * dim];
        kernels.rmsNormBackward(finalInput, rows, dim, weights.finalNorm(), (float) config.rmsNormEps(), dNormed, dHidden,
                model.parameter("model.norm.weight").gradient());
        EngramRowGradients[] rowGradients = new EngramRowGradients[engramLayers];
        for (int layer = config.numLayers() - 1; layer >= 0; layer--) {
            LayerWeights w = weights.layers().get(layer);
            layerPass.backward(layer, w, layerTapes[layer], dHidden, count, length);
            if (w.engram() != null) {
                long engramStart = System.nanoTime();
                rowGradients[config.engram().indexOfLayer(layer)] =
                        engramPass.backward(layer, w.engram(), engramTapes[layer], dHidden, count, length);
                timer.add(StepTimer.Phase.ENGRAM, engramStart);
            }
        }
        kernels.embeddingGatherBackward(inputs, dim, dHidden, model.parameter("model.embed_tokens.weight").gradient());
        timer.add(StepTimer.Phase.BACKWARD, backwardStart);
        return new StepResult(lossSum / rows, rows, gateMean, gateStd, rowGradients);
    }

    private int[] compress(int[] inputs, int engramLayers) {
        if (engramLayers == 0) {
            return null;
        }
        int[] compressed = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            compressed[i] = model.compressedIds().compress(inputs[i]);
        }
        return compressed;
    }

    private static void gateStatistics(float[] alpha, int index, double[] mean, double[] std) {
        double sum = 0;
        double squares = 0;
        for (float value : alpha) {
            sum += value;
            squares += (double) value * value;
        }
        mean[index] = sum / alpha.length;
        std[index] = Math.sqrt(Math.max(0, squares / alpha.length - mean[index] * mean[index]));
    }
}
