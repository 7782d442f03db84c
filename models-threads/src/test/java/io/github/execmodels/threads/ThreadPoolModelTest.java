package io.github.execmodels.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.threads.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The builder, the flavours, naming, and the provider behind {@link Models}. */
@Timeout(60)
class ThreadPoolModelTest {

    @Test
    void eachPropertyMaySetOnce() {
        assertThatThrownBy(() -> ThreadPoolModel.builder().threads(2).threads(3))
                .isInstanceOf(IllegalStateException.class).hasMessage("threads was already set");
        assertThatThrownBy(() -> ThreadPoolModel.builder().virtualThreads().virtualThreads())
                .isInstanceOf(IllegalStateException.class).hasMessage("virtualThreads was already set");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            assertThatThrownBy(() -> ThreadPoolModel.builder().executor(executor).executor(executor))
                    .isInstanceOf(IllegalStateException.class).hasMessage("executor was already set");
        } finally {
            executor.shutdown();
        }
        assertThatThrownBy(() -> ThreadPoolModel.builder().parallelism(2).parallelism(2))
                .isInstanceOf(IllegalStateException.class).hasMessage("parallelism was already set");
        assertThatThrownBy(() -> ThreadPoolModel.builder().threadNamePrefix("a").threadNamePrefix("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("threadNamePrefix was already set");
        assertThatThrownBy(() -> ThreadPoolModel.builder().closeTimeout(Duration.ZERO).closeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessage("closeTimeout was already set");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ThreadPoolModel.builder().threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: 0 (expected: > 0)");
        assertThatThrownBy(() -> ThreadPoolModel.builder().parallelism(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parallelism: -1 (expected: > 0)");
        assertThatThrownBy(() -> ThreadPoolModel.builder().executor(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("executor");
        assertThatThrownBy(() -> ThreadPoolModel.builder().closeTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadPoolModel.builder().threads(2).virtualThreads().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose one");
        assertThatThrownBy(() -> ThreadPoolModel.builder().threads(2).parallelism(3).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("threads(n)");
    }

    @Test
    void buildCopiesSoOneBuilderBuildsManyModels() {
        ThreadPoolModel.Builder builder = ThreadPoolModel.builder().threads(2).threadNamePrefix("copies-");
        ThreadPoolModel first = builder.build();
        try (ThreadPoolModel second = builder.build()) {
            assertThat(first).isNotSameAs(second);
            first.close();
            assertThat(second.isClosed()).isFalse();
            assertThat(second.map(x -> x + 1, List.of(1, 2))).containsExactly(2, 3);
        }
    }

    @Test
    void platformThreadsAreNamedDaemons() {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(2).threadNamePrefix("named-").build()) {
            assertThat(model.name()).isEqualTo("threads:2");
            assertThat(model.parallelism()).isEqualTo(2);
            Thread thread = model.submit(Thread::currentThread).join();
            assertThat(thread.getName()).startsWith("named-");
            assertThat(thread.isDaemon()).isTrue();
        }
    }

    @Test
    void theDefaultPoolHasOneThreadPerProcessor() {
        try (ThreadPoolModel model = ThreadPoolModel.builder().build()) {
            assertThat(model.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void virtualThreadsBeforeJava21FailWithAClearMessage() {
        Assumptions.assumeFalse(Threads.java21(), "this runtime has virtual threads");
        assertThatThrownBy(() -> ThreadPoolModel.builder().virtualThreads().build())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
        assertThatThrownBy(Models::virtualThreads).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Java 21");
    }

    @Test
    void virtualThreadsOnJava21RunEachTaskOnANewVirtualThread() throws Exception {
        Assumptions.assumeTrue(Threads.java21(), "virtual threads need Java 21+");
        try (ThreadPoolModel model = ThreadPoolModel.builder().virtualThreads().threadNamePrefix("v-").build()) {
            assertThat(model.name()).isEqualTo("virtual-threads");
            assertThat(model.parallelism()).isEqualTo(128);
            Thread thread = model.submit(Thread::currentThread).join();
            assertThat(thread.getName()).startsWith("v-");
            assertThat((Boolean) Thread.class.getMethod("isVirtual").invoke(thread)).isTrue();
            assertThat(model.submit(Thread::currentThread).join()).isNotSameAs(thread);
        }
    }

    @Test
    void anOwnedExecutorIsUsedAndNeverShutDown() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            try (ThreadPoolModel model = ThreadPoolModel.builder().executor(executor).build()) {
                assertThat(model.name()).isEqualTo("executor:ThreadPoolExecutor");
                assertThat(model.parallelism()).isEqualTo(3);
                assertThat(model.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
            }
            assertThat(executor.isShutdown()).isFalse();
            assertThat(executor.submit(() -> 42).get()).isEqualTo(42);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        ForkJoinPool forkJoin = new ForkJoinPool(5);
        try (ThreadPoolModel model = ThreadPoolModel.builder().executor(forkJoin).build()) {
            assertThat(model.parallelism()).isEqualTo(5);
        } finally {
            forkJoin.shutdown();
        }
    }

    @Test
    void theProviderServesModelsByKind() {
        assertThat(Models.available()).contains("threads", "virtual-threads");
        try (ExecutionModel model = Models.threads(3)) {
            assertThat(model).isInstanceOf(ThreadPoolModel.class);
            assertThat(model.name()).isEqualTo("threads:3");
        }
        try (ExecutionModel model = Models.of("threads:8")) {
            assertThat(model.parallelism()).isEqualTo(8);
        }
        try (ExecutionModel model = Models.of("threads")) {
            assertThat(model.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
        if (Threads.java21()) {
            try (ExecutionModel model = Models.of("virtual-threads")) {
                assertThat(model.name()).isEqualTo("virtual-threads");
            }
        } else {
            assertThatThrownBy(() -> Models.of("virtual-threads")).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
