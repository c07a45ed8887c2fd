package dev.engram.eval.report;

/** A (suite, metric) pair: one group of bars in the score and delta plots. */
record SuiteKey(String suite, String metric) {
    String label() {
        return suite + " " + metric.substring(0, metric.indexOf(','));
    }
}
