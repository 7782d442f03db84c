package io.github.execmodels;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown when work is offered to an {@link ExecutionModel} that has been closed.
 *
 * @since 0.1
 */
public class ModelClosedException extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for the model named {@code modelName}.
     *
     * @param modelName the {@link ExecutionModel#name()} of the closed model
     * @since 0.1
     */
    public ModelClosedException(String modelName) {
        super(modelName + " is closed: it accepts no more work");
    }
}
