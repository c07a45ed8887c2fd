package dev.engram.train;

import dev.engram.io.Folders;
import dev.engram.hash.NgramHasher;
import dev.engram.io.Sha256;
import dev.engram.model.EngramConfig;
import dev.engram.model.ModelConfig;
import dev.engram.schema.CompressedVocabularyReference;
import dev.engram.schema.LayerAddressing;
import dev.engram.schema.ManifestJson;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableConfig;
import dev.engram.schema.TableManifest;
import dev.engram.schema.TokenizerReference;
import dev.engram.schema.VectorInit;
import dev.engram.table.InitVectors;
import dev.engram.table.ShardFileWriter;
import dev.engram.table.TableLayout;
import dev.engram.table.TableRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a trained model's Engram rows as a table folder in the {@code build-tables} format, so that
 * built and trained tables share one format and one reader. Every bucket is stored (trained rows no
 * longer equal their initial vectors), and the statistics columns are zero because training does not
 * count n-grams. The folder is written beside its final place and renamed into it when complete.
 */
public final class TrainedTables {
    private static final Logger LOG = LoggerFactory.getLogger(TrainedTables.class);

    private TrainedTables() {
    }

    /** Writes the tables of {@code model} into {@code folder}, replacing a previous copy once the new one is complete. */
    public static void write(TrainableModel model, Path folder, Path compressedVocabFile) throws IOException {
        ModelConfig modelConfig = model.config();
        EngramConfig engram = modelConfig.engram();
        if (engram == null) {
            throw new IllegalArgumentException("the model has no Engram layers, so it has no tables to write");
        }
        long start = System.nanoTime();
        Path staging = folder.resolveSibling("." + folder.getFileName() + ".tmp");
        Folders.deleteRecursively(staging);
        Files.createDirectories(staging);

        int[] layerIds = engram.layerIds();
        TableConfig config = new TableConfig(Arrays.stream(layerIds).boxed().toList(), engram.maxNgramSize(),
                engram.headsPerNgram(), Arrays.stream(engram.tableSizePerNgram()).boxed().toList(), engram.headDim(),
                engram.seed(), engram.padTokenId());
        TableLayout layout = new TableLayout(config);
        NgramHasher hasher = model.hasher();
        org.apache.hadoop.fs.Path tableDir = new org.apache.hadoop.fs.Path(staging.toUri());
        List<ShardEntry> shards = new ArrayList<>();
        List<LayerAddressing> layers = new ArrayList<>();
        for (int index = 0; index < layerIds.length; index++) {
            OffHeapTable table = model.tables()[index];
            long[] offsets = model.headOffsets(index);
            List<List<Integer>> primes = new ArrayList<>();
            int head = 0;
            for (int order = 2; order <= engram.maxNgramSize(); order++) {
                List<Integer> orderPrimes = new ArrayList<>();
                for (int orderHead = 0; orderHead < engram.headsPerNgram(); orderHead++, head++) {
                    int prime = hasher.prime(index, order, orderHead);
                    shards.add(ShardFileWriter.write(tableDir, layout.shardKey(layout.shardIndex(index, order, orderHead)),
                            prime, rows(table, offsets[head], prime), new Configuration()));
                    orderPrimes.add(prime);
                }
                primes.add(orderPrimes);
            }
            layers.add(new LayerAddressing(layerIds[index], Arrays.stream(hasher.multipliers(index)).boxed().toList(),
                    primes));
        }

        String vocabularyName = compressedVocabFile.getFileName().toString();
        Files.copy(compressedVocabFile, staging.resolve(vocabularyName));
        CompressedVocabularyReference vocabulary = new CompressedVocabularyReference(vocabularyName,
                Sha256.ofFile(compressedVocabFile), model.compressedIds().size());
        TokenizerReference tokenizer = new TokenizerReference(null, modelConfig.tokenizerSha256(), modelConfig.vocabSize());
        int compressedPad = model.compressedIds().compress(engram.padTokenId());
        TableManifest manifest = new TableManifest(TableManifest.FORMAT_VERSION, config, compressedPad, tokenizer,
                vocabulary, List.of(), List.of(), true, new VectorInit(InitVectors.GENERATOR, InitVectors.DEFAULT_STD),
                layers, shards);
        Files.write(staging.resolve(TableManifest.FILE), ManifestJson.toBytes(manifest));

        Folders.deleteRecursively(folder);
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Wrote trained Engram tables to {}: {} shards in {} s", folder, shards.size(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
    }

    /** Yields every bucket of one head's rows, read from the off-heap table one at a time. */
    private static Iterator<TableRow> rows(OffHeapTable table, long firstRow, int prime) {
        return new Iterator<>() {
            private int bucket;

            @Override
            public boolean hasNext() {
                return bucket < prime;
            }

            @Override
            public TableRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                float[] vector = new float[table.rowWidth()];
                table.copyRow(firstRow + bucket, vector, 0);
                return TableRow.empty(bucket++, vector);
            }
        };
    }

}
