package io.github.execmodels.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.testing.ExecutionModelContract;

/** The shared contract, against the codec-checking sequential model. */
class CodecCheckingContractTest extends ExecutionModelContract {

    @Override
    protected ExecutionModel newModel() {
        return CodecCheckingModel.builder().build();
    }
}
