package dev.engram.kernels;

/**
 * Head layout of grouped-query attention: {@code heads} query heads share {@code kvHeads} key/value heads,
 * each {@code headDim} wide. Query rows are {@code heads * headDim} floats; cache rows are
 * {@code kvHeads * headDim} floats, one per position.
 */
public record AttentionShape(int heads, int kvHeads, int headDim) {

    public AttentionShape {
        if (heads < 1 || kvHeads < 1 || headDim < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention needs heads a multiple of kvHeads, all positive; got heads="
                    + heads + " kvHeads=" + kvHeads + " headDim=" + headDim);
        }
    }

    public int queryWidth() {
        return heads * headDim;
    }

    public int kvWidth() {
        return kvHeads * headDim;
    }
}
