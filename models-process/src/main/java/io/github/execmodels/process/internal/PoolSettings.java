package io.github.execmodels.process.internal;

import io.github.execmodels.Job;
import io.github.execmodels.process.Codec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a pool was built with, already checked and copied.
 *
 * @param workers how many workers
 * @param command the worker's command line: java, its options, the class path and the main class
 * @param environment variables added to the workers' environment
 * @param directory the workers' working directory, or null for the parent's
 * @param codec the codec
 * @param retries how many times a task whose worker died is run again
 * @param taskTimeout the default time limit of a task, or null
 * @param maxTasksPerWorker how many tasks a worker runs before it is replaced, or 0 for no limit
 * @param initializer run once in each worker before its first task, or null
 * @param maxFrameBytes the largest frame either side accepts
 * @param closeTimeout how long close waits for work to finish before it kills the workers
 * @param classDataArchive the class data sharing archive the workers use or create, or null for none
 */
public record PoolSettings(int workers, List<String> command, Map<String, String> environment, Path directory,
        Codec codec, int retries, Duration taskTimeout, int maxTasksPerWorker, Job<?> initializer,
        long maxFrameBytes, Duration closeTimeout, Path classDataArchive) {

    /** The model's {@code name()}, which its errors repeat: {@code processes:2}. */
    public String modelName() {
        return "processes:" + workers;
    }
}
