package dev.engram.train;

import dev.engram.safetensors.DType;
import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.SafetensorsWriter;

/**
 * Adam without weight decay for Engram table rows, updating only the rows a step touched. The moments live
 * off-heap beside the table (two more tables of the same shape); an untouched row's moments do not decay, as
 * in PyTorch's {@code SparseAdam}, and bias correction uses the global step count.
 */
public final class SparseAdam implements AutoCloseable {
    private final OffHeapTable[] firstMoments;
    private final OffHeapTable[] secondMoments;

    public SparseAdam(OffHeapTable[] tables) {
        this.firstMoments = new OffHeapTable[tables.length];
        this.secondMoments = new OffHeapTable[tables.length];
        for (int i = 0; i < tables.length; i++) {
            firstMoments[i] = new OffHeapTable(tables[i].rows(), tables[i].rowWidth());
            secondMoments[i] = new OffHeapTable(tables[i].rows(), tables[i].rowWidth());
        }
    }

    /**
     * Updates the touched rows of every table.
     *
     * @param step 1-based count of updates so far, this one included
     */
    public void step(OffHeapTable[] tables, EngramRowGradients[] gradients, double learningRate,
                     TrainingOptions options, int step) {
        double firstCorrection = 1 - Math.pow(options.beta1(), step);
        double secondCorrection = 1 - Math.pow(options.beta2(), step);
        float beta1 = (float) options.beta1();
        float beta2 = (float) options.beta2();
        for (int t = 0; t < tables.length; t++) {
            int width = tables[t].rowWidth();
            float[] row = new float[width];
            float[] m = new float[width];
            float[] v = new float[width];
            float[] g = gradients[t].gradients();
            for (int slot = 0; slot < gradients[t].size(); slot++) {
                long index = gradients[t].row(slot);
                tables[t].copyRow(index, row, 0);
                firstMoments[t].copyRow(index, m, 0);
                secondMoments[t].copyRow(index, v, 0);
                for (int c = 0; c < width; c++) {
                    float gradient = g[slot * width + c];
                    m[c] = beta1 * m[c] + (1 - beta1) * gradient;
                    v[c] = beta2 * v[c] + (1 - beta2) * gradient * gradient;
                    double update = (m[c] / firstCorrection) / (Math.sqrt(v[c] / secondCorrection)
                            + options.adamEpsilon());
                    row[c] = (float) (row[c] - learningRate * update);
                }
                tables[t].writeRow(index, row, 0);
                firstMoments[t].writeRow(index, m, 0);
                secondMoments[t].writeRow(index, v, 0);
            }
        }
    }

    /** Adds the moments to {@code writer} as {@code table_exp_avg.I} and {@code table_exp_avg_sq.I}. */
    void save(SafetensorsWriter writer) {
        for (int i = 0; i < firstMoments.length; i++) {
            long[] shape = {firstMoments[i].rows(), firstMoments[i].rowWidth()};
            writer.addF32("table_exp_avg." + i, shape, firstMoments[i].segment());
            writer.addF32("table_exp_avg_sq." + i, shape, secondMoments[i].segment());
        }
    }

    /** Restores the moments written by {@link #save}. */
    void load(SafetensorsFile file) {
        for (int i = 0; i < firstMoments.length; i++) {
            copy(file, "table_exp_avg." + i, firstMoments[i]);
            copy(file, "table_exp_avg_sq." + i, secondMoments[i]);
        }
    }

    private static void copy(SafetensorsFile file, String name, OffHeapTable target) {
        var info = file.info(name);
        if (info.dtype() != DType.F32 || info.dimension(0) != target.rows() || info.dimension(1) != target.rowWidth()) {
            throw new IllegalArgumentException("optimizer tensor " + name + " in " + file.path() + " has shape "
                    + java.util.Arrays.toString(info.shape()) + " " + info.dtype() + ", expected [" + target.rows()
                    + ", " + target.rowWidth() + "] F32");
        }
        target.segment().copyFrom(file.segment(name));
    }

    @Override
    public void close() {
        for (int i = 0; i < firstMoments.length; i++) {
            firstMoments[i].close();
            secondMoments[i].close();
        }
    }
}
