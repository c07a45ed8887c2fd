package dev.engram.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path folder;

    @Test
    void f32AndBf16ReadBackAsWritten() throws IOException {
        Path file = folder.resolve("t.safetensors");
        float[] f32 = {1.5f, -2.25f, 3e-8f, 7f, 0f, -0f};
        // Values exactly representable in bfloat16 (8 significant bits) round-trip unchanged.
        float[] bf16 = {1f, -0.5f, 256f, 3.140625f};
        new SafetensorsWriter()
                .add("a", DType.F32, new long[] {2, 3}, f32)
                .add("b", DType.BF16, new long[] {4}, bf16)
                .metadata("format", "pt")
                .write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(f32, read.readFloats("a", 2, 3));
            assertArrayEquals(bf16, read.readFloats("b", 4));
            assertEquals("pt", read.metadata().get("format"));
            assertEquals(DType.BF16, read.info("b").dtype());
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies halfway between bfloat16 neighbours 1 and 1 + 2^-7; ties go to the even one, 1.
        assertEquals(0x3F80, SafetensorsWriter.toBf16(1f + 0x1p-8f) & 0xFFFF);
        assertEquals(0x3F81, SafetensorsWriter.toBf16(1f + 0x1p-8f + 0x1p-12f) & 0xFFFF);
    }

    @Test
    void nativeSegmentWritesAsF32() throws IOException {
        Path file = folder.resolve("n.safetensors");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rows = arena.allocate(4L * 6);
            for (int i = 0; i < 6; i++) {
                rows.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, i * 0.5f);
            }
            new SafetensorsWriter().addF32("rows", new long[] {3, 2}, rows).write(file);
        }
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f}, read.readFloats("rows", 3, 2));
        }
    }

    @Test
    void truncatedFileNamesFileAndTensor() throws IOException {
        Path file = folder.resolve("cut.safetensors");
        new SafetensorsWriter().add("weights", DType.F32, new long[] {100}, new float[100]).write(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 10);
        }
        InvalidSafetensorsException error = assertThrows(InvalidSafetensorsException.class,
                () -> SafetensorsFile.open(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("weights"), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void headerLongerThanFileIsRejected() throws IOException {
        Path file = folder.resolve("short.safetensors");
        Files.write(file, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        InvalidSafetensorsException error = assertThrows(InvalidSafetensorsException.class,
                () -> SafetensorsFile.open(file));
        assertTrue(error.getMessage().contains("header length 255"), error.getMessage());
    }

    @Test
    void offsetsThatDisagreeWithShapeAreRejected() throws IOException {
        Path file = folder.resolve("bad.safetensors");
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        byte[] bytes = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 + bytes.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(bytes.length).put(bytes);
        Files.write(file, buffer.array());
        InvalidSafetensorsException error = assertThrows(InvalidSafetensorsException.class,
                () -> SafetensorsFile.open(file));
        assertTrue(error.getMessage().contains("tensor x"), error.getMessage());
    }

    @Test
    void wrongShapeRequestNamesBothShapes() throws IOException {
        Path file = folder.resolve("s.safetensors");
        new SafetensorsWriter().add("m", DType.F32, new long[] {2, 2}, new float[4]).write(file);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> read.readFloats("m", 4));
            assertTrue(error.getMessage().contains("[2, 2]"), error.getMessage());
            assertTrue(error.getMessage().contains("[4]"), error.getMessage());
        }
    }
}
