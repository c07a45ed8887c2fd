package dev.engram.train;

import dev.engram.kernels.Kernels;
import dev.engram.model.EngramConfig;
import dev.engram.model.EngramWeights;
import dev.engram.model.ModelConfig;

/**
 * Forward and backward of one Engram block over a batch of whole sequences (formula on
 * {@code dev.engram.model.EngramBlock}). The backward returns the gradient of the table rows it read as
 * {@link EngramRowGradients}; rows no sequence touched get no gradient and no update.
 */
final class EngramBlockPass {

    /** Activations of one Engram block; {@code tableRows} holds the row read for each (position, head). */
    record Tape(long[] tableRows, float[] embeddings, float[] hiddenInput, float[] keyProjected, float[] keyNormed,
                float[] queryNormed, float[] alpha, float[] valueProjected, float[] value, float[] convInput,
                float[] convOutput) {
    }

    private final Kernels kernels;
    private final ModelConfig config;
    private final TrainableModel model;

    EngramBlockPass(Kernels kernels, TrainableModel model) {
        this.kernels = kernels;
        this.config = model.config();
        this.model = model;
    }

    /**
     * Adds the block's output to {@code hidden} in place.
     *
     * @param compressed compressed token ids, {@code sequences x length}; each sequence hashes from its own start
     */
    Tape forward(int engramIndex, EngramWeights w, float[] hidden, int[] compressed, int sequences, int length) {
        EngramConfig engram = config.engram();
        int rows = sequences * length;
        int dim = config.hiddenSize();
        int width = engram.embeddingWidth();
        float eps = (float) config.rmsNormEps();

        long[] tableRows = new long[rows * engram.headsPerLayer()];
        float[] embeddings = gather(engramIndex, compressed, sequences, length, tableRows);
        float[] hiddenInput = hidden.clone();

        float[] keyProjected = new float[rows * dim];
        kernels.matmul(embeddings, rows, w.keyProj(), keyProjected);
        kernels.addBias(keyProjected, rows, w.keyBias());
        float[] keyNormed = new float[rows * dim];
        kernels.rmsNorm(keyProjected, rows, dim, w.keyNorm(), eps, keyNormed);
        float[] queryNormed = new float[rows * dim];
        kernels.rmsNorm(hidden, rows, dim, w.queryNorm(), eps, queryNormed);
        float[] alpha = new float[rows];
        kernels.engramGate(queryNormed, keyNormed, rows, dim, alpha);

        float[] valueProjected = new float[rows * dim];
        kernels.matmul(embeddings, rows, w.valueProj(), valueProjected);
        kernels.addBias(valueProjected, rows, w.valueBias());
        float[] value = valueProjected.clone();
        kernels.scaleRows(value, rows, dim, alpha);

        float[] convInput = new float[rows * dim];
        kernels.rmsNorm(value, rows, dim, w.convNorm(), eps, convInput);
        float[] convOutput = new float[rows * dim];
        for (int s = 0; s < sequences; s++) {
            float[] out = new float[length * dim];
            kernels.depthwiseCausalConv(SequenceSlices.slice(convInput, s, length, dim), 0, length, dim,
                    w.convWeight(), engram.kernelSize(), engram.convDilation(), out);
            SequenceSlices.store(out, convOutput, s, length, dim);
        }
        float[] activated = convOutput.clone();
        kernels.silu(activated, rows * dim);

        kernels.add(hidden, value, rows * dim);
        kernels.add(hidden, activated, rows * dim);
        assert width == w.keyProj().cols();
        return new Tape(tableRows, embeddings, hiddenInput, keyProjected, keyNormed, queryNormed, alpha,
                valueProjected, value, convInput, convOutput);
    }

    private float[] gather(int engramIndex, int[] compressed, int sequences, int length, long[] tableRows) {
        EngramConfig engram = config.engram();
        int heads = engram.headsPerLayer();
        int rowWidth = engram.headDim();
        long[] offsets = model.headOffsets(engramIndex);
        OffHeapTable table = model.tables()[engramIndex];
        float[] embeddings = new float[sequences * length * heads * rowWidth];
        int[] window = new int[length];
        for (int s = 0; s < sequences; s++) {
            System.arraycopy(compressed, s * length, window, 0, length);
            int[] buckets = model.hasher().hashSequence(window, engramIndex);
            for (int t = 0; t < length; t++) {
                for (int head = 0; head < heads; head++) {
                    int slot = (s * length + t) * heads + head;
                    tableRows[slot] = offsets[head] + buckets[t * heads + head];
                    table.copyRow(tableRows[slot], embeddings, slot * rowWidth);
                }
            }
        }
        return embeddings;
    }

    /** Adds the block's input gradient to {@code dHidden} in place and returns the table rows' gradient. */
    EngramRowGradients backward(int layer, EngramWeights w, Tape tape, float[] dHidden, int sequences, int length) {
        EngramConfig engram = config.engram();
        String prefix = "model.layers." + layer + ".engram.";
        int rows = sequences * length;
        int dim = config.hiddenSize();
        int width = engram.embeddingWidth();
        float eps = (float) config.rmsNormEps();

        float[] dConvOutput = new float[rows * dim];
        kernels.siluBackward(tape.convOutput(), dHidden, rows * dim, dConvOutput);
        float[] dConvInput = new float[rows * dim];
        for (int s = 0; s < sequences; s++) {
            float[] dInput = new float[length * dim];
            kernels.depthwiseCausalConvBackward(SequenceSlices.slice(tape.convInput(), s, length, dim), length, dim,
                    w.convWeight(), engram.kernelSize(), engram.convDilation(),
                    SequenceSlices.slice(dConvOutput, s, length, dim), dInput,
                    gradient(prefix + "short_conv.conv.weight"));
            SequenceSlices.store(dInput, dConvInput, s, length, dim);
        }
        float[] dValue = new float[rows * dim];
        kernels.rmsNormBackward(tape.value(), rows, dim, w.convNorm(), eps, dConvInput, dValue,
                gradient(prefix + "short_conv.norms.0.weight"));
        kernels.add(dValue, dHidden, rows * dim);

        float[] dValueProjected = new float[rows * dim];
        float[] dAlpha = new float[rows];
        kernels.scaleRowsBackward(tape.valueProjected(), rows, dim, tape.alpha(), dValue, dValueProjected, dAlpha);
        kernels.addBiasBackward(dValueProjected, rows, gradient(prefix + "value_proj.bias"));
        float[] dEmbeddings = new float[rows * width];
        kernels.matmulBackward(tape.embeddings(), rows, w.valueProj(), dValueProjected, dEmbeddings,
                gradient(prefix + "value_proj.weight"));

        float[] dQuery = new float[rows * dim];
        float[] dKey = new float[rows * dim];
        kernels.engramGateBackward(tape.queryNormed(), tape.keyNormed(), rows, dim, dAlpha, dQuery, dKey);
        kernels.rmsNormBackward(tape.hiddenInput(), rows, dim, w.queryNorm(), eps, dQuery, dQuery,
                gradient(prefix + "norm2.0.weight"));
        kernels.add(dHidden, dQuery, rows * dim);
        kernels.rmsNormBackward(tape.keyProjected(), rows, dim, w.keyNorm(), eps, dKey, dKey,
                gradient(prefix + "norm1.0.weight"));
        kernels.addBiasBackward(dKey, rows, gradient(prefix + "key_projs.0.bias"));
        float[] dFromKey = new float[rows * width];
        kernels.matmulBackward(tape.embeddings(), rows, w.keyProj(), dKey, dFromKey,
                gradient(prefix + "key_projs.0.weight"));
        kernels.add(dEmbeddings, dFromKey, rows * width);

        EngramRowGradients rowGradients = new EngramRowGradients(engram.headDim());
        for (int slot = 0; slot < tape.tableRows().length; slot++) {
            rowGradients.add(tape.tableRows()[slot], dEmbeddings, slot * engram.headDim());
        }
        return rowGradients;
    }

    private float[] gradient(String name) {
        return model.parameter(name).gradient();
    }
}
