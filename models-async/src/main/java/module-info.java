/**
 * The event-loop model: one thread, cooperative tasks, timers and NIO streams, as
 * {@link io.github.execmodels.async.EventLoop}; {@code Models.eventLoop()} finds it as a service.
 *
 * @provides io.github.execmodels.spi.ExecutionModelProvider for the kind {@code event-loop}
 * @since 0.1
 */
module io.github.execmodels.async {
    requires transitive io.github.execmodels;
    requires org.slf4j;

    exports io.github.execmodels.async;

    provides io.github.execmodels.spi.ExecutionModelProvider
            with io.github.execmodels.async.internal.EventLoopProvider;
}
