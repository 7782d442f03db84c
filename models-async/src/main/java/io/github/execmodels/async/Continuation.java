package io.github.execmodels.async;

/** Something a task runs, on the loop thread, when a task it listens to is done. */
interface Continuation {

    /**
     * Called once, on the loop thread, after {@code source} completed.
     *
     * @param source the task that completed
     */
    void onDone(AsyncTask<?> source);
}
