package dev.engram.schema;

/**
 * Generator settings of the initial row vectors, recorded so a reader can regenerate any row, including
 * rows the shards do not store.
 *
 * @param generator name and version of the generator; a reader refuses a name it does not implement
 * @param std       standard deviation of the normal distribution the floats are drawn from
 */
public record VectorInit(String generator, double std) {
}
