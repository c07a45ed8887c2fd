package dev.engram.jobs.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one {@link EvalJob} run: the model, suites, output folder and scoring options.
 *
 * @param model               model folder
 * @param suites              built-in suite names or task file paths
 * @param out                 run folder to publish
 * @param limit               if positive, only the first {@code limit} documents of each (sub)task
 * @param corpus              held-out corpus for the perplexity, cloze and needle suites, or null
 * @param seed                if not null, replaces the few-shot and generator seeds of every task
 * @param benchmarks          folder that relative dataset paths of task files resolve against
 * @param codec               how prompt text becomes token ids
 * @param bootstrapIterations resamples for bootstrap standard errors
 * @param itemsPerPartition   items per Spark task; smaller loses less work to a kill, larger batches better
 */
public record EvalSettings(Path model, List<String> suites, Path out, int limit, Path corpus, Long seed,
                           Path benchmarks, CodecKind codec, int bootstrapIterations, int itemsPerPartition) {
    public EvalSettings {
        suites = List.copyOf(suites);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("--suites must name at least one suite");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (no limit) or positive, got " + limit);
        }
        if (itemsPerPartition < 1) {
            throw new IllegalArgumentException("items per partition must be at least 1, got " + itemsPerPartition);
        }
    }
}
