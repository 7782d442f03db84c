/**
 * The thread model: a fixed pool of platform threads, one virtual thread per task (Java 21+), or an executor the
 * caller owns, as {@link io.github.execmodels.threads.ThreadPoolModel}; {@code Models.threads(n)} and
 * {@code Models.virtualThreads()} find it as a service.
 *
 * @provides io.github.execmodels.spi.ExecutionModelProvider for the kinds {@code threads} and
 *     {@code virtual-threads}
 * @since 0.1
 */
module io.github.execmodels.threads {
    requires transitive io.github.execmodels;
    requires org.slf4j;

    exports io.github.execmodels.threads;

    provides io.github.execmodels.spi.ExecutionModelProvider
            with io.github.execmodels.threads.internal.ThreadsProvider;
}
