package io.github.execmodels.async;

import java.nio.channels.SelectionKey;

/** What a channel registered with the loop's selector carries as its attachment. */
interface IoHandler {

    /**
     * Called on the loop thread when the key is selected.
     *
     * @param key the selected key
     */
    void onReady(SelectionKey key);
}
