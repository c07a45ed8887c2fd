package dev.engram.store;

import dev.engram.model.EngramConfig;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks that a {@code build-tables} folder addresses n-grams exactly as a model does: the same hash seed,
 * orders, heads per order, table sizes and row width. Equal table sizes and seed give equal primes and
 * multipliers, so a row found by the model's hash is the row the folder stored for that n-gram.
 */
public final class TableFolderCompatibility {
    private TableFolderCompatibility() {
    }

    /** @throws IllegalArgumentException naming the folder and the first setting that differs */
    public static void check(TableManifest manifest, EngramConfig engram, Path folder) {
        TableConfig tables = manifest.config();
        if (tables.headDim() != engram.headDim()) {
            throw new IllegalArgumentException("table folder " + folder + " has rows of " + tables.headDim()
                    + " floats but the model's n_embed_per_ngram / n_head_per_ngram is " + engram.headDim());
        }
        if (tables.seed() != engram.seed()) {
            throw new IllegalArgumentException("table folder " + folder + " was hashed with seed " + tables.seed()
                    + " but the model's engram.seed is " + engram.seed());
        }
        if (tables.maxNgram() != engram.maxNgramSize() || tables.heads() != engram.headsPerNgram()) {
            throw new IllegalArgumentException("table folder " + folder + " has max n-gram " + tables.maxNgram()
                    + " and " + tables.heads() + " heads per n-gram but the model has " + engram.maxNgramSize()
                    + " and " + engram.headsPerNgram());
        }
        int[] folderSizes = tables.tableSizes().stream().mapToInt(Integer::intValue).toArray();
        if (folderSizes.length == 1 && engram.maxNgramSize() > 2) {
            folderSizes = java.util.stream.IntStream.range(0, engram.maxNgramSize() - 1).map(i -> tables.tableSizes().getFirst()).toArray();
        }
        if (!Arrays.equals(folderSizes, engram.tableSizePerNgram())) {
            throw new IllegalArgumentException("table folder " + folder + " has table sizes " + tables.tableSizes()
                    + " but the model's engram.table_size_per_ngram is " + Arrays.toString(engram.tableSizePerNgram()));
        }
        for (int layerId : engram.layerIds()) {
            if (!tables.layers().contains(layerId)) {
                throw new IllegalArgumentException("table folder " + folder + " has no table for Engram layer "
                        + layerId + "; it has layers " + tables.layers());
            }
        }
    }
}
