package io.github.execmodels.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/** A model over an executor the test owns, against the shared contract. */
class ExecutorContractTest extends ExecutionModelContract {

    /**
     * Shared by the JUnit tests and the jqwik properties (which run after JUnit's {@code @AfterAll}), so never shut
     * down: its threads are daemons, all started at once so that no test counts them as leaked.
     */
    private static final ThreadPoolExecutor EXECUTOR = newExecutor();

    private static ThreadPoolExecutor newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(3, 3, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "test-owned-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.prestartAllCoreThreads();
        return executor;
    }

    @Override
    protected ExecutionModel newModel() {
        return ThreadPoolModel.builder().executor(EXECUTOR).build();
    }

    @AfterEach
    void theExecutorStaysOpen() {
        assertThat(EXECUTOR.isShutdown()).as("closing a model must leave the caller's executor open").isFalse();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
