package io.github.execmodels.async;

/**
 * Where an {@link EventLoop} is in its life; it only moves forward, as Netty's {@code SingleThreadEventExecutor}
 * states do.
 */
enum LoopState {
    /** Running turns and taking work from any thread. */
    STARTED,
    /** {@code close()} was called: the loop thread has yet to begin shutting down. */
    CLOSE_REQUESTED,
    /** The loop thread cancelled the live tasks and runs turns until they unwind or the grace period ends. */
    SHUTTING_DOWN,
    /** The loop thread has ended; its sockets, selector and executor are closed, and work is rejected. */
    TERMINATED
}
