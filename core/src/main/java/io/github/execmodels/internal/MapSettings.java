package io.github.execmodels.internal;

import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import java.util.List;
import java.util.function.Function;

/**
 * What a map needs to know of its model: how to start a chunk and how the model likes its chunks.
 *
 * @param starter starts a chunk on the model
 * @param workers how many workers share the map
 * @param maxChunksInFlight the most chunks started and not yet completed
 * @param targetChunkNanos how long a chunk should take
 * @param minChunkNanos the least work a chunk should hold when balance would cut it smaller
 * @param runOnCaller whether the map's thread may run chunks no worker has started
 * @param defaultWindow the read-ahead of a lazy map when the options name none
 * @param costs what the model measured of the functions it mapped before
 */
public record MapSettings(Function<Chunk, BasicTask<List<Object>>> starter, int workers, int maxChunksInFlight,
        long targetChunkNanos, long minChunkNanos, boolean runOnCaller, int defaultWindow, ChunkCosts costs) {

    ChunkSizer sizer(MapOptions options, Fn<?, ?> fn) {
        int fixed = options.chunkSize().orElse(options.taskTimeout().isPresent() ? 1 : 0);
        return new ChunkSizer(fixed, workers, targetChunkNanos, minChunkNanos, costs.nanosPerElement(fn));
    }

    /** Keeps what a finished map measured for the next map of the same function. */
    void remember(Fn<?, ?> fn, ChunkSizer sizer) {
        costs.remember(fn, sizer.measuredNanosPerElement());
    }

    ChunkDispatcher dispatcher(MapOptions options) {
        return new ChunkDispatcher(starter, options.taskTimeout().orElse(null), runOnCaller);
    }
}
