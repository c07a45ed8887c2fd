package dev.engram.train;

import dev.engram.safetensors.DType;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.SafetensorsWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Adam with decoupled weight decay) for the dense parameters, with bias-corrected moments. Weight decay
 * applies only to parameters marked {@link Parameter#decayed()}.
 */
public final class AdamW {
    private final Map<String, float[]> firstMoments = new LinkedHashMap<>();
    private final Map<String, float[]> secondMoments = new LinkedHashMap<>();

    public AdamW(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            firstMoments.put(parameter.name(), new float[parameter.values().length]);
            secondMoments.put(parameter.name(), new float[parameter.values().length]);
        }
    }

    /**
     * Applies one update from the current gradients.
     *
     * @param step 1-based count of updates so far, this one included (for bias correction)
     */
    public void step(List<Parameter> parameters, double learningRate, TrainingOptions options, int step) {
        double firstCorrection = 1 - Math.pow(options.beta1(), step);
        double secondCorrection = 1 - Math.pow(options.beta2(), step);
        float beta1 = (float) options.beta1();
        float beta2 = (float) options.beta2();
        for (Parameter parameter : parameters) {
            float[] m = firstMoments.get(parameter.name());
            float[] v = secondMoments.get(parameter.name());
            float[] values = parameter.values();
            float[] gradient = parameter.gradient();
            float decay = parameter.decayed() ? (float) (learningRate * options.weightDecay()) : 0f;
            for (int i = 0; i < values.length; i++) {
                float g = gradient[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double update = (m[i] / firstCorrection) / (Math.sqrt(v[i] / secondCorrection) + options.adamEpsilon());
                values[i] = (float) (values[i] - decay * values[i] - learningRate * update);
            }
        }
    }

    /** Adds the moments to {@code writer} as {@code exp_avg.NAME} and {@code exp_avg_sq.NAME}. */
    void save(SafetensorsWriter writer) {
        firstMoments.forEach((name, m) -> writer.add("exp_avg." + name, DType.F32, new long[] {m.length}, m));
        secondMoments.forEach((name, v) -> writer.add("exp_avg_sq." + name, DType.F32, new long[] {v.length}, v));
    }

    /** Restores the moments written by {@link #save}. */
    void load(SafetensorsFile file) {
        firstMoments.forEach((name, m) -> System.arraycopy(file.readFloats("exp_avg." + name, m.length), 0, m, 0,
                m.length));
        secondMoments.forEach((name, v) -> System.arraycopy(file.readFloats("exp_avg_sq." + name, v.length), 0, v, 0,
                v.length));
    }
}
