package dev.engram.schema;

/**
 * One table shard file listed in a manifest.
 *
 * @param layerId  transformer layer id
 * @param order    n-gram order
 * @param head     hash head within the order
 * @param prime    number of buckets of this head
 * @param path     file path relative to the table folder, with {@code /} separators
 * @param sha256   sha256 of the file bytes; readers refuse a file that does not match
 * @param rows     rows stored in the file
 * @param hits     sum of {@code hits} over the rows
 * @param bytes    file size
 */
public record ShardEntry(int layerId, int order, int head, int prime, String path, String sha256,
                         long rows, long hits, long bytes) implements java.io.Serializable {
}
