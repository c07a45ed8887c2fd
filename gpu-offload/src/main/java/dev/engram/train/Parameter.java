package dev.engram.train;

/**
 * One dense trainable tensor with its gradient buffer, named as in {@code model.safetensors}.
 *
 * @param decayed whether AdamW applies weight decay to it: matrices yes, norm weights, biases and
 *                convolution taps no, the usual split for LLaMA-style models
 */
public record Parameter(String name, long[] shape, float[] values, float[] gradient, boolean decayed) {

    public Parameter {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        if (count != values.length || values.length != gradient.length) {
            throw new IllegalArgumentException("parameter " + name + " of shape " + java.util.Arrays.toString(shape)
                    + " needs " + count + " values, got " + values.length + " values and " + gradient.length
                    + " gradients");
        }
    }
}
