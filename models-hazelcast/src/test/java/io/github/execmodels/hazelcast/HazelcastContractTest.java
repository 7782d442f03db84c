package io.github.execmodels.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.ExecutionModel;
import io.github.execmodels.hazelcast.testing.TestClusters;
import io.github.execmodels.testing.ExecutionModelContract;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.AfterAll;

/** The shared contract, on two embedded members on loopback; the model runs on the first member. */
class HazelcastContractTest extends ExecutionModelContract {

    private static final String CLUSTER = TestClusters.uniqueName(HazelcastContractTest.class);
    private static List<HazelcastInstance> members;

    /** Started on first use: JUnit's and jqwik's engines run this class's tests and properties one after the other. */
    private static synchronized HazelcastInstance member() {
        if (members == null) {
            members = TestClusters.embedded(CLUSTER, TestClusters.freePorts(2), 2);
        }
        return members.get(0);
    }

    @AfterAll
    @AfterContainer
    static synchronized void stopMembers() {
        if (members != null) {
            members.forEach(HazelcastInstance::shutdown);
            members = null;
        }
    }

    @Override
    protected ExecutionModel newModel() {
        return HazelcastModel.builder().instance(member()).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.ASYNC_SUBMIT, Capability.INTERRUPTS_RUNNING_WORK, Capability.PARALLEL);
    }

    @Override
    protected boolean ownedByTheEnvironment(Thread thread) {
        return TestClusters.isMemberThread(thread, CLUSTER);
    }
}
