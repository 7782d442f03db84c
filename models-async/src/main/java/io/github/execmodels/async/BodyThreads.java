package io.github.execmodels.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the virtual threads that coroutine bodies run on. The library is compiled for Java 17, which has no
 * virtual threads: the factory is looked up once, at run time, and on Java 17 starting a coroutine fails with an
 * error that names Java 21.
 *
 * <p>Thread safe.
 */
final class BodyThreads {

    static final int NEEDED = 21;

    /** The factory of named virtual threads, or {@code null} on a runtime without them. */
    private static final ThreadFactory FACTORY = lookUp();

    private BodyThreads() {
    }

    /** Returns a new, unstarted virtual thread that will run {@code body}. */
    static Thread newThread(Runnable body) {
        requireAvailable();
        return FACTORY.newThread(body);
    }

    /** Throws the error that explains why coroutines cannot run here, unless they can. */
    static void requireAvailable() {
        if (FACTORY == null) {
            throw new UnsupportedOperationException("await-style coroutines (Async.coroutine, Async.run, "
                    + "Async.await) run on virtual threads, which need Java " + NEEDED + " or newer; this runtime is "
                    + "Java " + Runtime.version().feature() + ". Run on Java " + NEEDED + "+, or write the coroutine "
                    + "in the callback style (a Coroutine that composes tasks with thenCompose), which runs on Java 17");
        }
    }

    private static ThreadFactory lookUp() {
        if (Runtime.version().feature() < NEEDED) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object b = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            b = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class))
                    .invoke(b, "execmodels-coroutine-", 1L);
            return (ThreadFactory) lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class))
                    .invoke(b);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
