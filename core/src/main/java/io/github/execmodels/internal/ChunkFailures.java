package io.github.execmodels.internal;

import io.github.execmodels.TaskFailedException;
import io.github.execmodels.spi.Chunk;

/** Turns whatever a chunk's task failed with into a failure that names an element. */
final class ChunkFailures {

    private ChunkFailures() {
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
