package io.github.execmodels.process.internal;

/**
 * How a task is to be completed once the pool's lock is released: with a value, or with a failure.
 *
 * @param task the task
 * @param value its value when {@code failure} is null
 * @param failure its failure, or null
 */
record Completion(ProcessTask task, Object value, Throwable failure) {
}
