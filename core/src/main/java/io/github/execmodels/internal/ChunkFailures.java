package io.github.execmodels.internal;

import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.spi.Chunk;
import java.util.concurrent.CancellationException;

/** Turns whatever a chunk's task failed with into a failure that names an element. */
final class ChunkFailures {

    private ChunkFailures() {
    }

    /** What a chunk's done task failed with: its exception, or a {@link CancellationException} if cancelled. */
    static Throwable of(Task<?> done) {
        return done.isCancelled() ? new CancellationException("chunk cancelled") : done.exceptionNow();
    }

    static TaskFailedException indexed(Throwable failure, Chunk chunk) {
        if (failure instanceof TaskFailedException) {
            TaskFailedException f = (TaskFailedException) failure;
            return f.index() == TaskFailedException.NO_INDEX ? f.withIndex(chunk.firstIndex()) : f;
        }
        return new TaskFailedException("element " + chunk.firstIndex() + " failed: " + failure, failure,
                chunk.firstIndex());
    }
}
