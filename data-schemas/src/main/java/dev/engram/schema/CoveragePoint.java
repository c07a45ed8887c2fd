package dev.engram.schema;

/**
 * One point of a hot-row coverage curve.
 *
 * @param rowShare    share of all rows, taking the rows with the most hits first (0.01 is the top 1%)
 * @param rows        number of rows in that share, rounded up
 * @param lookupShare share of all lookups (hits) those rows serve
 */
public record CoveragePoint(double rowShare, long rows, double lookupShare) {
}
