package io.github.execmodels.async;

/** A task that completes when its timer fires (or on the next turn for a zero delay). */
final class SleepTask<R> extends AsyncTask<R> implements Runnable {

    private final R value;

    SleepTask(EventLoop loop, long delayNanos, R value) {
        super(loop, true);
        this.value = value;
        if (delayNanos <= 0) {
            loop.callSoon(this);
        } else {
            awaiting = loop.scheduleTimer(loop.nanoTime() + delayNanos, this);
        }
    }

    @Override
    public void run() {
        completeValue(value);
    }

    @Override
    public String toString() {
        return "Sleep[" + status() + "]";
    }
}
