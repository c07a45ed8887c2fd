package dev.engram.train;

import dev.engram.kernels.AttentionShape;
import dev.engram.kernels.Kernels;
import dev.engram.model.LayerWeights;
import dev.engram.model.ModelConfig;

/**
 * Forward and backward of the attention and MLP halves of one decoder layer over a batch of whole sequences:
 *
 * <pre>
 *   h += o_proj(attention(rope(q_proj(x1)), rope(k_proj(x1)), v_proj(x1))),  x1 = RMSNorm(h)
 *   h += down_proj(silu(gate_proj(x2)) * up_proj(x2)),                      x2 = RMSNorm(h)
 * </pre>
 *
 * The forward keeps the activations the backward needs in a {@link Tape}; attention probabilities are not
 * kept but recomputed by the backward kernel.
 */
final class DecoderLayerPass {

    /** Activations of one layer, each {@code rows x width}. */
    record Tape(float[] attentionInput, float[] attentionNormed, float[] query, float[] keys, float[] values,
                float[] attended, float[] mlpInput, float[] mlpNormed, float[] gate, float[] up, float[] product) {
    }

    private final Kernels kernels;
    private final ModelConfig config;
    private final TrainableModel model;

    DecoderLayerPass(Kernels kernels, TrainableModel model) {
        this.kernels = kernels;
        this.config = model.config();
        this.model = model;
    }

    Tape forward(LayerWeights w, float[] hidden, int sequences, int length) {
        int rows = sequences * length;
        int dim = config.hiddenSize();
        int intermediate = config.intermediateSize();
        AttentionShape shape = config.attentionShape();
        float eps = (float) config.rmsNormEps();

        float[] attentionInput = hidden.clone();
        float[] attentionNormed = new float[rows * dim];
        kernels.rmsNorm(hidden, rows, dim, w.inputNorm(), eps, attentionNormed);
        float[] query = new float[rows * shape.queryWidth()];
        kernels.matmul(attentionNormed, rows, w.queryProj(), query);
        float[] keys = new float[rows * shape.kvWidth()];
        kernels.matmul(attentionNormed, rows, w.keyProj(), keys);
        float[] values = new float[rows * shape.kvWidth()];
        kernels.matmul(attentionNormed, rows, w.valueProj(), values);
        float[] attended = new float[rows * shape.queryWidth()];
        for (int s = 0; s < sequences; s++) {
            float[] q = SequenceSlices.slice(query, s, length, shape.queryWidth());
            float[] k = SequenceSlices.slice(keys, s, length, shape.kvWidth());
            kernels.rope(q, length, shape.heads(), shape.headDim(), 0, config.ropeTheta());
            kernels.rope(k, length, shape.kvHeads(), shape.headDim(), 0, config.ropeTheta());
            SequenceSlices.store(q, query, s, length, shape.queryWidth());
            SequenceSlices.store(k, keys, s, length, shape.kvWidth());
            float[] out = new float[length * shape.queryWidth()];
            kernels.attention(q, length, 0, k, SequenceSlices.slice(values, s, length, shape.kvWidth()), shape, out);
            SequenceSlices.store(out, attended, s, length, shape.queryWidth());
        }
        float[] projected = new float[rows * dim];
        kernels.matmul(attended, rows, w.outputProj(), projected);
        kernels.add(hidden, projected, rows * dim);

        float[] mlpInput = hidden.clone();
        float[] mlpNormed = new float[rows * dim];
        kernels.rmsNorm(hidden, rows, dim, w.postAttentionNorm(), eps, mlpNormed);
        float[] gate = new float[rows * intermediate];
        kernels.matmul(mlpNormed, rows, w.gateProj(), gate);
        float[] up = new float[rows * intermediate];
        kernels.matmul(mlpNormed, rows, w.upProj(), up);
        float[] product = gate.clone();
        kernels.siluMul(product, up, rows * intermediate);
        float[] down = new float[rows * dim];
        kernels.matmul(product, rows, w.downProj(), down);
        kernels.add(hidden, down, rows * dim);
        return new Tape(attentionInput, attentionNormed, query, keys, values, attended, mlpInput, mlpNormed, gate, up,
                product);
    }

    /** Adds this layer's contribution to {@code dHidden} (the gradient at the layer output, in place). */
    void backward(int layer, LayerWeights w, Tape tape, float[] dHidden, int sequences, int length) {
        String prefix = "model.layers." + layer + ".";
        mlpBackward(prefix, w, tape, dHidden, sequences * length);
        attentionBackward(prefix, w, tape, dHidden, sequences, length);
    }

    private void mlpBackward(String prefix, LayerWeights w, Tape tape, float[] dHidden, int rows) {
        int dim = config.hiddenSize();
        int intermediate = config.intermediateSize();
        float[] dProduct = new float[rows * intermediate];
        kernels.matmulBackward(tape.product(), rows, w.downProj(), dHidden, dProduct, gradient(prefix + "mlp.down_proj.weight"));
        float[] dGate = new float[rows * intermediate];
        float[] dUp = new float[rows * intermediate];
        kernels.siluMulBackward(tape.gate(), tape.up(), dProduct, rows * intermediate, dGate, dUp);
        float[] dNormed = new float[rows * dim];
        kernels.matmulBackward(tape.mlpNormed(), rows, w.gateProj(), dGate, dNormed, gradient(prefix + "mlp.gate_proj.weight"));
        float[] dFromUp = new float[rows * dim];
        kernels.matmulBackward(tape.mlpNormed(), rows, w.upProj(), dUp, dFromUp, gradient(prefix + "mlp.up_proj.weight"));
        kernels.add(dNormed, dFromUp, rows * dim);
        kernels.rmsNormBackward(tape.mlpInput(), rows, dim, w.postAttentionNorm(), (float) config.rmsNormEps(), dNormed,
                dNormed, gradient(prefix + "post_attention_layernorm.weight"));
        kernels.add(dHidden, dNormed, rows * dim);
    }

    private void attentionBackward(String prefix, LayerWeights w, Tape tape, float[] dHidden, int sequences,
                                   int length) {
        int rows = sequences * length;
        int dim = config.hiddenSize();
        AttentionShape shape = config.attentionShape();
        float[] dAttended = new float[rows * shape.queryWidth()];
        kernels.matmulBackward(tape.attended(), rows, w.outputProj(), dHidden, dAttended,
                gradient(prefix + "self_attn.o_proj.weight"));

        float[] dQuery = new float[rows * shape.queryWidth()];
        float[] dKeys = new float[rows * shape.kvWidth()];
        float[] dValues = new float[rows * shape.kvWidth()];
        for (int s = 0; s < sequences; s++) {
            float[] dq = new float[length * shape.queryWidth()];
            float[] dk = new float[length * shape.kvWidth()];
            float[] dv = new float[length * shape.kvWidth()];
            kernels.attentionBackward(SequenceSlices.slice(tape.query(), s, length, shape.queryWidth()),
                    SequenceSlices.slice(tape.keys(), s, length, shape.kvWidth()),
                    SequenceSlices.slice(tape.values(), s, length, shape.kvWidth()), length, shape,
                    SequenceSlices.slice(dAttended, s, length, shape.queryWidth()), dq, dk, dv);
            kernels.ropeBackward(dq, length, shape.heads(), shape.headDim(), 0, config.ropeTheta());
            kernels.ropeBackward(dk, length, shape.kvHeads(), shape.headDim(), 0, config.ropeTheta());
            SequenceSlices.store(dq, dQuery, s, length, shape.queryWidth());
            SequenceSlices.store(dk, dKeys, s, length, shape.kvWidth());
            SequenceSlices.store(dv, dValues, s, length, shape.kvWidth());
        }

        float[] dNormed = new float[rows * dim];
        float[] partial = new float[rows * dim];
        kernels.matmulBackward(tape.attentionNormed(), rows, w.queryProj(), dQuery, dNormed,
                gradient(prefix + "self_attn.q_proj.weight"));
        kernels.matmulBackward(tape.attentionNormed(), rows, w.keyProj(), dKeys, partial,
                gradient(prefix + "self_attn.k_proj.weight"));
        kernels.add(dNormed, partial, rows * dim);
        kernels.matmulBackward(tape.attentionNormed(), rows, w.valueProj(), dValues, partial,
                gradient(prefix + "self_attn.v_proj.weight"));
        kernels.add(dNormed, partial, rows * dim);
        kernels.rmsNormBackward(tape.attentionInput(), rows, dim, w.inputNorm(), (float) config.rmsNormEps(), dNormed,
                dNormed, gradient(prefix + "input_layernorm.weight"));
        kernels.add(dHidden, dNormed, rows * dim);
    }

    private float[] gradient(String name) {
        return model.parameter(name).gradient();
    }
}
