package io.github.execmodels.threads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;
import java.util.EnumSet;
import java.util.Set;

/** A pool of platform threads against the shared contract. */
class PlatformThreadsContractTest extends ExecutionModelContract {

    @Override
    protected ExecutionModel newModel() {
        return ThreadPoolModel.builder().threads(3).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
