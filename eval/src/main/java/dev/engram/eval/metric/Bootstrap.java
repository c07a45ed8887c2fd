package dev.engram.eval.metric;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap standard error in the harness's scheme ({@code bootstrap_stderr}): resamples in chunks of 1000,
 * chunk {@code i} drawn from a generator seeded with {@code i}, and the sample standard deviation of the
 * resampled metric. The draws use {@link Random}, not Python's Mersenne Twister, so values agree with the
 * harness's statistically but not digit for digit; they are deterministic for the same inputs.
 */
public final class Bootstrap {
    private static final int CHUNK = 1000;

    private Bootstrap() {
    }

    public static double stderr(ToDoubleFunction<double[]> metric, double[] values, int iterations) {
        if (values.length < 2 || iterations < 2) {
            return Double.NaN;
        }
        double[] resampled = new double[iterations];
        double[] sample = new double[values.length];
        for (int done = 0, chunk = 0; done < iterations; chunk++) {
            Random random = new Random(chunk);
            int end = Math.min(iterations, done + CHUNK);
            for (; done < end; done++) {
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = values[random.nextInt(values.length)];
                }
                resampled[done] = metric.applyAsDouble(sample);
            }
        }
        return Statistics.sampleStddev(resampled);
    }
}
