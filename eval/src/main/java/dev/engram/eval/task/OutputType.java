package dev.engram.eval.task;

/** How a task's requests are scored, with the names lm-evaluation-harness uses in task files. */
public enum OutputType {
    /** Log-likelihood of each answer choice after the prompt; the best choice is the prediction. */
    MULTIPLE_CHOICE("multiple_choice"),
    /** Log-likelihood of one target continuation and whether greedy decoding would produce it. */
    LOGLIKELIHOOD("loglikelihood"),
    /** Log-likelihood of a whole document, in windows of the model's context length. */
    LOGLIKELIHOOD_ROLLING("loglikelihood_rolling"),
    /** Greedy generation until a stop string, compared with the target. */
    GENERATE_UNTIL("generate_until");

    private final String fileName;

    OutputType(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    static OutputType fromFileName(String name) {
        for (OutputType type : values()) {
            if (type.fileName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
