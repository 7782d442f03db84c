package io.github.execmodels.threads.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads, found at run time: the library is compiled for Java 17, where they do not exist.
 *
 * <p>Thread safe.
 */
public final class VirtualThreads {

    private static final int NEEDED = 21;

    private VirtualThreads() {
    }

    /** Tells whether this runtime has virtual threads (Java 21 or newer). */
    public static boolean available() {
        return Runtime.version().feature() >= NEEDED;
    }

    /** Throws the error that explains why virtual threads cannot be used here, unless they can. */
    public static void requireAvailable() {
        if (!available()) {
            throw new UnsupportedOperationException("virtual threads need Java " + NEEDED + " or newer; this runtime"
                    + " is Java " + Runtime.version().feature() + " (" + System.getProperty("java.home") + "): run on"
                    + " Java 21+ or use a pool of platform threads, Models.threads(n)");
        }
    }

    /**
     * Returns {@code Executors.newThreadPerTaskExecutor} of a factory of virtual threads named {@code prefix}
     * followed by a counter.
     */
    static ExecutorService newThreadPerTaskExecutor(String prefix) {
        requireAvailable();
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (InvocationTargetException e) {
            throw new UnsupportedOperationException("virtual threads are not usable on this runtime: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new UnsupportedOperationException("virtual threads are not usable on this runtime (Java "
                    + Runtime.version() + "): " + e, e);
        }
    }
}
