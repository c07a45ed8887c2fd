package dev.engram.jobs.eval;

import dev.engram.eval.request.EvalItem;
import java.io.Serializable;

/** One item sent to an executor to score, with the key its score is cached under. */
record WorkItem(String cacheKey, EvalItem item) implements Serializable {
}
