package dev.engram.store;

import dev.engram.model.EngramConfig;
import dev.engram.safetensors.DType;
import dev.engram.schema.LayerAddressing;
import dev.engram.schema.TableManifest;
import dev.engram.table.TableReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram rows from a table folder written by {@code build-tables}, copied once into native memory.
 *
 * <p>Opening the folder verifies every shard's sha256 against the manifest. Each layer's table is laid
 * out as the model expects: the heads of order 2, then order 3, and so on, each head taking as many
 * rows as its prime. Buckets the folder does not store get the initial vector that {@code build-tables}
 * defines for them. The rows live outside the Java heap, so tables larger than {@code -Xmx} load.
 */
public final class TableFolderSource implements TableSource {
    private static final Logger LOG = LoggerFactory.getLogger(TableFolderSource.class);
    private static final ValueLayout.OfFloat LITTLE_ENDIAN_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path folder;
    private final TableReader reader;
    private final Arena arena = Arena.ofShared();

    /** Opens {@code folder} and checks that it addresses n-grams as the model's {@code engram} config does. */
    public TableFolderSource(Path folder, EngramConfig engram) throws IOException {
        this.folder = folder;
        this.reader = TableReader.open(folder);
        TableFolderCompatibility.check(reader.manifest(), engram, folder);
    }

    @Override
    public EngramTable open(int layerId, long expectedRows, int rowWidth) throws IOException {
        long start = System.nanoTime();
        TableManifest manifest = reader.manifest();
        LayerAddressing addressing = manifest.layers().stream()
                .filter(layer -> layer.layerId() == layerId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table folder " + folder + " has no layer " + layerId));
        long rows = addressing.primesPerOrder().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        if (rows != expectedRows || rowWidth != manifest.config().headDim()) {
            throw new IllegalArgumentException("table folder " + folder + " contains " + rows + " rows of "
                    + manifest.config().headDim() + " floats for layer " + layerId + ", but the model expects "
                    + expectedRows + " rows of " + rowWidth);
        }

        MemorySegment segment = arena.allocate(rows * rowWidth * Float.BYTES, 64);
        long firstRow = 0;
        for (int orderIndex = 0; orderIndex < addressing.primesPerOrder().size(); orderIndex++) {
            List<Integer> primes = addressing.primesPerOrder().get(orderIndex);
            for (int head = 0; head < primes.size(); head++) {
                int prime = primes.get(head);
                for (int bucket = 0; bucket < prime; bucket++) {
                    float[] vector = reader.row(layerId, orderIndex + 2, head, bucket).vector();
                    MemorySegment.copy(vector, 0, segment, LITTLE_ENDIAN_FLOAT,
                            (firstRow + bucket) * rowWidth * Float.BYTES, rowWidth);
                }
                firstRow += prime;
            }
        }
        LOG.info("Loaded Engram layer {} from table folder {}: {} rows of {} floats ({} MB off-heap) in {} s", layerId,
                folder, rows, rowWidth, segment.byteSize() / 1_000_000, String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new SegmentTable(segment, DType.F32, rows, rowWidth);
    }

    @Override
    public void close() {
        arena.close();
    }
}
