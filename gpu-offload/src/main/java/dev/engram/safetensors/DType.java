package dev.engram.safetensors;

/** Element types of a safetensors file that this reader converts to {@code float}. */
public enum DType {
    F32(4),
    BF16(2),
    F16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Returns the size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * Returns the type named by a safetensors header {@code dtype} field.
     *
     * @throws IllegalArgumentException for a type this reader does not convert, such as I64 or F64
     */
    public static DType fromHeader(String name) {
        for (DType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported dtype " + name + "; supported: F32, BF16, F16");
    }
}
