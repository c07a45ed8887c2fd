package dev.engram.model;

import dev.engram.kernels.Matrix;
import dev.engram.store.EngramTable;

/**
 * Weights of one Engram block (single branch, {@code hc_mult = 1}).
 *
 * @param table       the multi-head embedding: every (order, head) table stacked, each starting at the sum of
 *                    the primes before it
 * @param keyProj     {@code W_K}, embedding width to hidden size ({@code key_projs.0})
 * @param keyNorm     RMSNorm weight of the key ({@code norm1.0})
 * @param queryNorm   RMSNorm weight of the hidden state used as the query ({@code norm2.0})
 * @param valueProj   {@code W_V} ({@code value_proj})
 * @param convWeight  depthwise convolution taps, {@code [hidden][kernelSize]} ({@code short_conv.conv})
 * @param convNorm    RMSNorm weight applied before the convolution ({@code short_conv.norms.0})
 */
public record EngramWeights(EngramTable table, Matrix keyProj, float[] keyBias, float[] keyNorm, float[] queryNorm,
                            Matrix valueProj, float[] valueBias, float[] convWeight, float[] convNorm) {
}
