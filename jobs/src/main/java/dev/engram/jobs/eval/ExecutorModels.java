package dev.engram.jobs.eval;

import dev.engram.eval.score.EngramLanguageModel;
import dev.engram.eval.score.ItemScorer;
import dev.engram.kernels.VectorKernels;
import dev.engram.model.EngramModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models an executor JVM has loaded, kept for the JVM's lifetime so that each Spark task reuses them.
 *
 * <p>An {@link EngramModel} must not run two forward calls at once, so a JVM running several tasks at a
 * time keeps one loaded copy per concurrent task: a task borrows an idle copy, or loads one if every copy
 * is busy, and returns it when done. Each copy runs its kernels on one thread, because Spark already gives
 * every task slot its own core.
 *
 * <p>Limitation: copies are never closed, so their memory maps and any native tokenizer live until the
 * executor exits, and each copy holds its own heap weights.
 */
final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, ConcurrentLinkedDeque<Loaded>> IDLE = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** A loaded model with its codec, ready to score; owned by one task between borrow and release. */
    record Loaded(String key, EngramModel model, CodecKind.Opened codec, ItemScorer scorer) {
    }

    static Loaded borrow(String modelFolder, CodecKind codec) throws IOException {
        String key = modelFolder + "|" + codec;
        Loaded idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (idle != null) {
            return idle;
        }
        long start = System.nanoTime();
        Path folder = Path.of(modelFolder);
        // Background prefetch would add a thread per copy, which competes with the other task slots.
        EngramModel model = EngramModel.load(folder, new VectorKernels(1), false);
        CodecKind.Opened opened = codec.open(folder, model.config().vocabSize());
        LOG.info("Loaded an executor copy of model {} with codec {} in {} ms", folder, codec,
                (System.nanoTime() - start) / 1_000_000);
        return new Loaded(key, model, opened, new ItemScorer(new EngramLanguageModel(model), opened.codec()));
    }

    static void release(Loaded loaded) {
        IDLE.get(loaded.key()).addFirst(loaded);
    }
}
