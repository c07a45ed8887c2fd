package dev.engram.safetensors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A safetensors file mapped into memory: an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>The whole file is memory-mapped through a shared {@link Arena}, so tensors larger than the Java
 * heap (Engram tables) can be read as {@link MemorySegment} slices without copying, from any thread.
 * Slices become invalid after {@link #close()}.
 */
public final class SafetensorsFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The format's own reference implementation rejects headers above 100 MB; so do we. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, Arena arena, MemorySegment data, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Maps and validates a safetensors file.
     *
     * @throws InvalidSafetensorsException if the file is shorter than its header requires, the header is not
     *                                     valid JSON, or a tensor's byte range does not fit its shape or the file
     */
    public static SafetensorsFile open(Path path) throws IOException {
        long start = System.nanoTime();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment file;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            }
            if (file.byteSize() < 8) {
                throw new InvalidSafetensorsException(path, "the file has " + file.byteSize()
                        + " bytes, fewer than the 8-byte header length");
            }
            long headerBytes = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES || headerBytes > file.byteSize() - 8) {
                throw new InvalidSafetensorsException(path, "header length " + headerBytes
                        + " is invalid for a file of " + file.byteSize() + " bytes (truncated or not safetensors)");
            }
            byte[] header = file.asSlice(8, headerBytes).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = file.asSlice(8 + headerBytes);

            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = parseHeader(path, header, data.byteSize(), metadata);
            LOG.info("Opened safetensors {}: {} tensors, {} MB in {} ms", path, tensors.size(),
                    String.format("%.1f", data.byteSize() / 1e6), (System.nanoTime() - start) / 1_000_000);
            return new SafetensorsFile(path, arena, data, tensors, metadata);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path path, byte[] header, long dataBytes,
                                                       Map<String, String> metadata) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new InvalidSafetensorsException(path, "the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSafetensorsException(path, "the header must be a JSON object");
        }

        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals("__metadata__")) {
                entry.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(entry.getKey(), parseTensor(path, entry.getKey(), entry.getValue(), dataBytes));
        }
        checkNoOverlap(path, tensors);
        return Collections.unmodifiableMap(tensors);
    }

    private static TensorInfo parseTensor(Path path, String name, JsonNode node, long dataBytes) throws IOException {
        JsonNode shapeNode = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!node.path("dtype").isTextual() || !shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new InvalidSafetensorsException(path, "tensor " + name
                    + " needs a dtype string, a shape array and two data_offsets, got " + node);
        }

        DType dtype;
        try {
            dtype = DType.fromHeader(node.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidSafetensorsException(path, "tensor " + name + ": " + e.getMessage());
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (!shapeNode.get(i).canConvertToLong() || shape[i] < 0) {
                throw new InvalidSafetensorsException(path, "tensor " + name + " has an invalid shape " + shapeNode);
            }
        }

        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
        long expectedBytes = Math.multiplyExact(info.elementCount(), dtype.bytes());
        if (begin < 0 || end < begin || end - begin != expectedBytes) {
            throw new InvalidSafetensorsException(path, "tensor " + name + " has data_offsets [" + begin + ", "
                    + end + "] but its shape and dtype need " + expectedBytes + " bytes");
        }
        if (end > dataBytes) {
            throw new InvalidSafetensorsException(path, "tensor " + name + " ends at data byte " + end
                    + " but the file holds only " + dataBytes + " data bytes (truncated file)");
        }
        return info;
    }

    private static void checkNoOverlap(Path path, Map<String, TensorInfo> tensors) throws IOException {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).begin() < sorted.get(i - 1).end()) {
                throw new InvalidSafetensorsException(path, "tensors " + sorted.get(i - 1).name() + " and "
                        + sorted.get(i).name() + " overlap");
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Returns the tensor entries in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** Returns the {@code __metadata__} string map, empty when the header has none. */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Returns the entry of a tensor.
     *
     * @throws IllegalArgumentException naming the file and the tensor when it is missing
     */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("tensor " + name + " not found in " + path);
        }
        return info;
    }

    /** Returns the raw bytes of a tensor as a read-only slice of the mapped file, valid until {@link #close()}. */
    public MemorySegment segment(String name) {
        TensorInfo info = info(name);
        return data.asSlice(info.begin(), info.end() - info.begin()).asReadOnly();
    }

    /**
     * Reads a tensor into a new heap array, converting BF16 and F16 to float.
     *
     * @param expectedShape the shape the caller requires; a mismatch raises an error naming both shapes
     */
    public float[] readFloats(String name, long... expectedShape) {
        TensorInfo info = info(name);
        if (!java.util.Arrays.equals(info.shape(), expectedShape)) {
            throw new IllegalArgumentException("tensor " + name + " in " + path + " has shape "
                    + java.util.Arrays.toString(info.shape()) + ", expected " + java.util.Arrays.toString(expectedShape));
        }
        if (info.elementCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + name + " in " + path + " has " + info.elementCount()
                    + " elements, too many for a Java array; read it through segment(name)");
        }
        float[] out = new float[(int) info.elementCount()];
        copyToFloats(segment(name), info.dtype(), 0, out, 0, out.length);
        return out;
    }

    /** Converts {@code count} elements of {@code dtype} starting at element {@code first} of {@code source}. */
    public static void copyToFloats(MemorySegment source, DType dtype, long first, float[] out, int offset, int count) {
        switch (dtype) {
            case F32 -> MemorySegment.copy(source, F32_LE, first * 4, out, offset, count);
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    short bits = source.get(I16_LE, (first + i) * 2);
                    out[offset + i] = Float.intBitsToFloat((bits & 0xFFFF) << 16);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = Float.float16ToFloat(source.get(I16_LE, (first + i) * 2));
                }
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
