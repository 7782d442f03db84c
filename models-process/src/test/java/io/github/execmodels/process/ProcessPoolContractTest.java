package io.github.execmodels.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;
import io.github.execmodels.Models;
import java.util.EnumSet;
import java.util.Set;

/** The shared contract, against {@code Models.processes(2)}. */
class ProcessPoolContractTest extends ExecutionModelContract {

    @Override
    protected ExecutionModel newModel() {
        return Models.processes(2);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.ASYNC_SUBMIT, Capability.INTERRUPTS_RUNNING_WORK, Capability.PARALLEL);
    }

    @Override
    protected boolean runsInThisProcess() {
        return false;
    }
}
