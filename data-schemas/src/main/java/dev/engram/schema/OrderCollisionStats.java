package dev.engram.schema;

/**
 * How often the K heads of one (layer, order) fail together.
 *
 * @param layerId                  transformer layer id
 * @param order                    n-gram order
 * @param positions                token positions counted, the sum of the n-gram counts of this order
 * @param collidingInEveryHead     positions whose n-gram shares its bucket with another n-gram in every head
 * @param collidingInEveryHeadShare {@code collidingInEveryHead / positions}
 */
public record OrderCollisionStats(int layerId, int order, long positions, long collidingInEveryHead,
                                  double collidingInEveryHeadShare) {
}
