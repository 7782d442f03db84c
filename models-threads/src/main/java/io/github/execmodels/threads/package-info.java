/**
 * The thread model: a fixed pool of platform threads, one virtual thread per task (Java 21+), or an
 * {@link java.util.concurrent.ExecutorService} the caller owns, behind {@link io.github.execmodels.ExecutionModel}.
 * Start with {@link io.github.execmodels.threads.ThreadPoolModel#builder()} or
 * {@link io.github.execmodels.Models#threads(int)}.
 *
 * @since 0.1
 */
package io.github.execmodels.threads;
