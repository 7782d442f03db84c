package io.github.execmodels.async;

/** Binds a primitive to the loop that first uses it. */
abstract class Primitive {

    private EventLoop loop;

    final EventLoop loop() {
        EventLoop current = EventLoop.current();
        if (loop == null) {
            loop = current;
        } else if (loop != current) {
            throw new IllegalStateException(getClass().getSimpleName() + " is bound to " + loop
                    + " and cannot be used from " + current);
        }
        return loop;
    }
}
