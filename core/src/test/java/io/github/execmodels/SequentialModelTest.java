package io.github.execmodels;

import io.github.execmodels.testing.ExecutionModelContract;

/** The sequential model against the contract: it runs everything on the caller, so it has no capability. */
class SequentialModelTest extends ExecutionModelContract {

    @Override
    protected ExecutionModel newModel() {
        return Models.sequential();
    }
}
