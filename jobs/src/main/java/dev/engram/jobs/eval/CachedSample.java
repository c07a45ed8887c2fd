package dev.engram.jobs.eval;

import dev.engram.eval.results.ScoredSample;
import java.io.Serializable;

/**
 * A scored sample with the key the score cache stores it under; one row of {@link dev.engram.schema.EvalSampleSchema}.
 */
public record CachedSample(String cacheKey, String modelSha, String taskVersion, ScoredSample sample)
        implements Serializable {

    /** Returns the cache key: sha256 of the model sha, the task version and the item hash, so a change to any re-scores. */
    public static String key(String modelSha, String taskVersion, String itemHash) {
        return dev.engram.io.Sha256.ofBytes((modelSha + '\n' + taskVersion + '\n' + itemHash)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
