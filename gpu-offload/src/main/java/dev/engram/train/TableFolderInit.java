package dev.engram.train;

import dev.engram.store.TableFolderCompatibility;
import dev.engram.hash.NgramHasher;
import dev.engram.model.EngramConfig;
import dev.engram.schema.ShardEntry;
import dev.engram.schema.TableManifest;
import dev.engram.table.TableReader;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a model's Engram rows from a {@code build-tables} output folder. The folder must address n-grams
 * exactly as the model does: the same hash seed, row width, and prime for every (layer, order, head), which
 * also pins the table sizes and the layers allocated before each. Buckets the folder does not store get the
 * initial vector {@code build-tables} defines for them.
 *
 * <p>Limitation: the check does not compare compressed vocabularies, so a table built with another
 * tokenizer of the same table shape loads without error.
 */
public final class TableFolderInit {
    private static final Logger LOG = LoggerFactory.getLogger(TableFolderInit.class);

    private TableFolderInit() {
    }

    /** Overwrites every row of every Engram table of {@code model} from the table folder {@code folder}. */
    public static void load(TrainableModel model, Path folder) throws IOException {
        EngramConfig engram = model.config().engram();
        if (engram == null) {
            throw new IllegalArgumentException("model has no Engram layers, so table folder " + folder
                    + " has nothing to initialize");
        }
        long start = System.nanoTime();
        TableReader reader = TableReader.open(folder);
        TableManifest manifest = reader.manifest();
        TableFolderCompatibility.check(manifest, engram, folder);
        NgramHasher hasher = model.hasher();
        int[] layerIds = engram.layerIds();
        long rows = 0;
        for (int index = 0; index < layerIds.length; index++) {
            OffHeapTable table = model.tables()[index];
            long[] offsets = model.headOffsets(index);
            int head = 0;
            for (int order = 2; order <= engram.maxNgramSize(); order++) {
                for (int orderHead = 0; orderHead < engram.headsPerNgram(); orderHead++, head++) {
                    int prime = hasher.prime(index, order, orderHead);
                    ShardEntry shard = manifest.shard(layerIds[index], order, orderHead);
                    if (shard.prime() != prime) {
                        throw new IllegalArgumentException("table folder " + folder + ": layer " + layerIds[index]
                                + ", order " + order + ", head " + orderHead + " has prime " + shard.prime()
                                + " but the model hashes into " + prime + "; build the tables with the model's "
                                + "layer ids and table sizes");
                    }
                    for (int bucket = 0; bucket < prime; bucket++) {
                        table.writeRow(offsets[head] + bucket,
                                reader.row(layerIds[index], order, orderHead, bucket).vector(), 0);
                    }
                    rows += prime;
                }
            }
        }
        LOG.info("Loaded {} Engram rows from table folder {} in {} s", rows, folder,
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
    }

}
