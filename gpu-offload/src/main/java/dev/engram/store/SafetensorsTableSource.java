package dev.engram.store;

import dev.engram.safetensors.SafetensorsFile;
import dev.engram.safetensors.TensorInfo;

/**
 * Reads Engram tables from {@code model.layers.{i}.engram.multi_head_embedding.embedding.weight} of a
 * memory-mapped safetensors file: the rows stay in the page cache, off the Java heap, and only the pages a
 * lookup touches are read from disk. The file must stay open while the tables are used.
 */
public final class SafetensorsTableSource implements TableSource {
    private final SafetensorsFile file;

    public SafetensorsTableSource(SafetensorsFile file) {
        this.file = file;
    }

    /** Returns the tensor name of a layer's stacked multi-head embedding. */
    public static String tensorName(int layerId) {
        return "model.layers." + layerId + ".engram.multi_head_embedding.embedding.weight";
    }

    @Override
    public EngramTable open(int layerId, long expectedRows, int rowWidth) {
        String name = tensorName(layerId);
        TensorInfo info = file.info(name);
        if (info.rank() != 2 || info.dimension(0) != expectedRows || info.dimension(1) != rowWidth) {
            throw new IllegalArgumentException("tensor " + name + " in " + file.path() + " has shape "
                    + java.util.Arrays.toString(info.shape()) + ", expected [" + expectedRows + ", " + rowWidth
                    + "] (rows = sum of the layer's primes, width = n_embed_per_ngram / n_head_per_ngram)");
        }
        return new SegmentTable(file.segment(name), info.dtype(), expectedRows, rowWidth);
    }
}
