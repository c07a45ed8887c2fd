package dev.engram.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Collects tensors and writes them as one safetensors file. Values are given as float and stored as
 * F32, BF16 (round to nearest even) or F16. The file appears atomically through a rename.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COPY_CHUNK_BYTES = 1 << 20;

    private record Entry(String name, DType dtype, long[] shape, float[] values, MemorySegment f32Source) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds a tensor from a heap array; {@code values.length} must equal the product of {@code shape}. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        checkName(name);
        checkCount(name, shape, values.length);
        entries.add(new Entry(name, dtype, shape.clone(), values, null));
        return this;
    }

    /**
     * Adds an F32 tensor whose little-endian float data lies in native memory, for tensors too large for a
     * Java array. The segment must stay readable until {@link #write} returns.
     */
    public SafetensorsWriter addF32(String name, long[] shape, MemorySegment littleEndianFloats) {
        checkName(name);
        checkCount(name, shape, littleEndianFloats.byteSize() / 4);
        entries.add(new Entry(name, DType.F32, shape.clone(), null, littleEndianFloats));
        return this;
    }

    /** Adds a {@code __metadata__} string pair. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    private void checkName(String name) {
        if (name.equals("__metadata__") || !names.add(name)) {
            throw new IllegalArgumentException("tensor name " + name + " is reserved or already added");
        }
    }

    private static void checkCount(String name, long[] shape, long count) {
        long expected = 1;
        for (long dimension : shape) {
            expected = Math.multiplyExact(expected, dimension);
        }
        if (expected != count) {
            throw new IllegalArgumentException("tensor " + name + " has " + count + " values but its shape "
                    + java.util.Arrays.toString(shape) + " needs " + expected);
        }
    }

    /** Writes all added tensors to {@code file}, replacing it. */
    public void write(Path file) throws IOException {
        byte[] header = header();
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(channel, length);
                writeFully(channel, ByteBuffer.wrap(header));
                for (Entry entry : entries) {
                    writeData(channel, entry);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private byte[] header() {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry entry : entries) {
            long bytes = elementCount(entry) * entry.dtype().bytes();
            ObjectNode node = root.putObject(entry.name());
            node.put("dtype", entry.dtype().name());
            var shape = node.putArray("shape");
            for (long dimension : entry.shape()) {
                shape.add(dimension);
            }
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        // Padding the header with spaces to a multiple of 8 keeps every F32 tensor 4-byte aligned in the file.
        StringBuilder text = new StringBuilder(root.toString());
        while ((8 + text.length()) % 8 != 0) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long elementCount(Entry entry) {
        return entry.values() != null ? entry.values().length : entry.f32Source().byteSize() / 4;
    }

    private static void writeData(FileChannel channel, Entry entry) throws IOException {
        if (entry.f32Source() != null) {
            MemorySegment source = entry.f32Source();
            for (long offset = 0; offset < source.byteSize(); offset += COPY_CHUNK_BYTES) {
                long bytes = Math.min(COPY_CHUNK_BYTES, source.byteSize() - offset);
                writeFully(channel, source.asSlice(offset, bytes).asByteBuffer());
            }
            return;
        }
        float[] values = entry.values();
        int chunk = COPY_CHUNK_BYTES / 4;
        ByteBuffer buffer = ByteBuffer.allocate(chunk * entry.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += chunk) {
            buffer.clear();
            int end = Math.min(values.length, start + chunk);
            for (int i = start; i < end; i++) {
                switch (entry.dtype()) {
                    case F32 -> buffer.putFloat(values[i]);
                    case BF16 -> buffer.putShort(toBf16(values[i]));
                    case F16 -> buffer.putShort(Float.floatToFloat16(values[i]));
                }
            }
            writeFully(channel, buffer.flip());
        }
    }

    /** Rounds a float to bfloat16 (nearest, ties to even), keeping NaN a NaN. */
    static short toBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
