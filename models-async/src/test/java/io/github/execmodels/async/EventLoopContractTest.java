package io.github.execmodels.async;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;
import io.github.execmodels.Models;
import java.util.EnumSet;
import java.util.Set;

/** The shared contract, against {@code Models.eventLoop()}: a cooperative loop cannot interrupt a callback. */
class EventLoopContractTest extends ExecutionModelContract {

    @Override
    protected ExecutionModel newModel() {
        return Models.eventLoop();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.ASYNC_SUBMIT);
    }
}
