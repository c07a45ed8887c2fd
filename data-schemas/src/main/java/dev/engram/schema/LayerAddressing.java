package dev.engram.schema;

import java.util.List;

/**
 * Hash parameters of one layer, exactly as the hasher uses them.
 *
 * @param layerId        transformer layer id
 * @param multipliers    odd int64 multipliers, index k multiplies the id k positions back
 * @param primesPerOrder table size (a prime) per order and head, indexed {@code [order - 2][head]}
 */
public record LayerAddressing(int layerId, List<Long> multipliers, List<List<Integer>> primesPerOrder) {
    public LayerAddressing {
        multipliers = List.copyOf(multipliers);
        primesPerOrder = primesPerOrder.stream().map(List::copyOf).toList();
    }
}
