package io.github.execmodels.process.internal;

import io.github.execmodels.Job;
import io.github.execmodels.process.Codec;
import java.io.Serializable;

/**
 * What the parent tells a new worker in its first frame: the codec, the initializer and the frame limit.
 *
 * <p>Immutable.
 */
public final class WorkerConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    final Codec codec;
    final Job<?> initializer;
    final long maxFrameBytes;

    public WorkerConfig(Codec codec, Job<?> initializer, long maxFrameBytes) {
        this.codec = codec;
        this.initializer = initializer;
        this.maxFrameBytes = maxFrameBytes;
    }
}
