package io.github.execmodels.threads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;
import io.github.execmodels.Models;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * One virtual thread per task against the shared contract. Before Java 21 the JUnit tests are skipped by an
 * assumption and the jqwik properties by jqwik's skip hook (an assumption in a jqwik lifecycle method is an error).
 */
@AddLifecycleHook(value = VirtualThreadsContractTest.NeedsJava21.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class VirtualThreadsContractTest extends ExecutionModelContract {

    static boolean java21() {
        return Runtime.version().feature() >= 21;
    }

    @BeforeEach
    void needsJava21() {
        Assumptions.assumeTrue(java21(), "virtual threads need Java 21+");
    }

    /** Skips the jqwik properties before Java 21. */
    static final class NeedsJava21 implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return java21() ? SkipResult.doNotSkip() : SkipResult.skip("virtual threads need Java 21+");
        }
    }

    @Override
    protected ExecutionModel newModel() {
        return Models.virtualThreads();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
