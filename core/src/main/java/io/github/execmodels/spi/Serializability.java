package io.github.execmodels.spi;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The diagnosis of work that cannot be serialized: finds the first object reachable from a job, function or
 * element that is not {@link Serializable} and says where it hides, as a field path and, for a lambda, the captured
 * variable (a captured {@code this} is named as such). Models that send work to another JVM (a worker process, a
 * cluster member) call it on the caller's thread, before anything is sent, so that the error names the culprit.
 *
 * <p>The search reads private fields and a lambda's serialized form by reflection. Where the JVM forbids that (user
 * classes in a named module that does not open its package), it names what it can see and says nothing of the rest:
 * the diagnosis never throws.
 *
 * <p>Thread safe: stateless.
 *
 * @since 0.1
 */
public final class Serializability {

    private static final int MAX_DEPTH = 30;

    private Serializability() {
    }

    /**
     * Turns a value into bytes, as a model's codec does.
     *
     * <p>Implementations must be thread safe.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface Encoder {

        /**
         * Encodes {@code value}.
         *
         * @param value the value
         * @return its bytes
         * @throws IOException if it cannot be encoded ({@link NotSerializableException} when an object it refers to
         *     is not serializable)
         * @since 0.1
         */
        byte[] encode(Object value) throws IOException;
    }

    /**
     * Encodes {@code value} with {@code encoder}, and when that fails, throws an exception that names the object
     * that cannot be encoded.
     *
     * @param encoder the encoder
     * @param value the value
     * @param what what the value is, in words ("the job", "the function or an element of the map")
     * @param destination where it was to be sent, in words ("a worker process", "the cluster")
     * @return the bytes
     * @throws IllegalArgumentException if it cannot be encoded, with the offending class and path in the message
     * @since 0.1
     */
    public static byte[] encodeOrExplain(Encoder encoder, Object value, String what, String destination) {
        try {
            return encoder.encode(value);
        } catch (IOException | RuntimeException e) {
            throw cannotSend(what, destination, value, e);
        }
    }

    /**
     * Returns the error for a value that failed to encode: it names the object that is not serializable when the
     * search finds one, else it quotes the encoder's exception.
     *
     * @param what what the value is, in words ("the job", "the function or an element of the map")
     * @param destination where it was to be sent, in words ("a worker process", "the cluster")
     * @param value the value that failed to encode
     * @param failure what the encoder threw
     * @return the exception to throw, with {@code failure} as its cause
     * @since 0.1
     */
    public static IllegalArgumentException cannotSend(String what, String destination, Object value,
            Throwable failure) {
        String found = explain(value);
        NotSerializableException notSerializable = notSerializableCause(failure);
        String reason = found != null ? found
                : notSerializable != null ? "class " + notSerializable.getMessage() + " is not serializable"
                : failure.toString();
        return new IllegalArgumentException("cannot send " + what + " to " + destination + ": " + reason, failure);
    }

    private static NotSerializableException notSerializableCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotSerializableException) {
                return (NotSerializableException) t;
            }
        }
        return null;
    }

    /**
     * Returns a description of the first object reachable from {@code root} that is not serializable: its path from
     * the root, its class, and the captured variable when it hides in a lambda.
     *
     * @param root the value to search, may be {@code null}
     * @return the description, or {@code null} when the search finds no such object (or may not look)
     * @since 0.1
     */
    public static String explain(Object root) {
        try {
            return find(root, rootName(root), 0, new IdentityHashMap<>());
        } catch (RuntimeException | LinkageError e) {
            return null; // a diagnosis must not hide the failure it explains
        }
    }

    private static String rootName(Object root) {
        return root == null ? "null" : shortName(root.getClass());
    }

    private static String find(Object o, String path, int depth, Map<Object, Boolean> seen) {
        if (o == null || depth > MAX_DEPTH || seen.put(o, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = o.getClass();
        if (type.isPrimitive() || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof Character || o instanceof Enum) {
            return null;
        }
        if (!(o instanceof Serializable)) {
            return notSerializable(o, path);
        }
        SerializedLambda lambda = serializedLambda(o);
        if (lambda != null) {
            return findInLambda(lambda, path, depth, seen);
        }
        Object replacement = writeReplacement(o);
        if (replacement != o) {
            return find(replacement, path, depth + 1, seen); // what Java serialization writes instead
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            for (int i = 0, n = Array.getLength(o); i < n; i++) {
                String found = find(Array.get(o, i), path + "[" + i + "]", depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (o instanceof Collection && type.getName().startsWith("java.")) {
            int i = 0;
            for (Object e : (Collection<?>) o) {
                String found = find(e, path + "[" + i++ + "]", depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (o instanceof Map && type.getName().startsWith("java.")) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                String found = find(e.getKey(), path + ".key(" + e.getKey() + ")", depth + 1, seen);
                if (found == null) {
                    found = find(e.getValue(), path + ".get(" + e.getKey() + ")", depth + 1, seen);
                }
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(o);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue; // a JDK class we may not look into: Java serialization will name it
                }
                String found = find(value, path + "." + f.getName(), depth + 1, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String notSerializable(Object o, String path) {
        Class<?> type = o.getClass();
        StringBuilder sb = new StringBuilder();
        sb.append(path).append(" is a ").append(type.getName()).append(", which is not Serializable");
        if (type.isSynthetic() && type.getName().contains("$$Lambda")) {
            sb.append(" (a lambda whose target type does not extend Serializable: pass an Fn or Job, or cast to"
                    + " an intersection type with Serializable)");
        } else if (type.isAnonymousClass() || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))) {
            sb.append(" (an anonymous or inner class: it also drags in its enclosing instance; make it a static"
                    + " nested class or a lambda)");
        }
        return sb.toString();
    }

    private static String findInLambda(SerializedLambda lambda, String path, int depth, Map<Object, Boolean> seen) {
        String capturing = lambda.getCapturingClass().replace('/', '.');
        String where = "the lambda " + lambda.getImplMethodName() + " in " + capturing;
        boolean capturesThis = lambda.getCapturedArgCount() > 0
                && lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
                && lambda.getImplMethodKind() != MethodHandleInfo.REF_newInvokeSpecial
                && lambda.getCapturedArg(0) != null
                && lambda.getCapturedArg(0).getClass().getName().equals(capturing);
        String[] names = parameterNames(lambda, capturing);
        for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
            Object arg = lambda.getCapturedArg(i);
            if (arg == null) {
                continue;
            }
            String name;
            if (i == 0 && capturesThis) {
                name = "this";
            } else {
                int p = capturesThis ? i - 1 : i;
                name = names != null && p < names.length ? names[p] : "#" + (i + 1);
            }
            if (!(arg instanceof Serializable) && i == 0 && capturesThis) {
                return path + " is " + where + ", which captures 'this', an instance of " + arg.getClass().getName()
                        + ", which is not Serializable: the lambda uses a field or method of its enclosing object;"
                        + " copy what it needs into a local variable or make the method static";
            }
            String at = (path.equals("the lambda") ? where : path + " (" + where + ")") + ", captured variable '" + name
                    + "',";
            String found = find(arg, at, depth + 1, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Names of the implementation method's leading parameters (the captured variables), when compiled in. */
    private static String[] parameterNames(SerializedLambda lambda, String capturing) {
        try {
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false,
                    Thread.currentThread().getContextClassLoader());
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(lambda.getImplMethodName())) {
                    Parameter[] params = m.getParameters();
                    String[] names = new String[params.length];
                    for (int i = 0; i < params.length; i++) {
                        names[i] = params[i].isNamePresent() ? params[i].getName()
                                : "#" + (i + 1) + " (" + params[i].getType().getSimpleName() + ")";
                    }
                    return names;
                }
            }
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // fall through: numbered names
        }
        return null;
    }

    private static SerializedLambda serializedLambda(Object o) {
        Class<?> type = o.getClass();
        if (!type.isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(o);
            return replaced instanceof SerializedLambda ? (SerializedLambda) replaced : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Returns what the object's own {@code writeReplace} gives, or the object itself. */
    private static Object writeReplacement(Object o) {
        if (o.getClass().getName().startsWith("java.")) {
            return o;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method writeReplace = c.getDeclaredMethod("writeReplace");
                if (Modifier.isStatic(writeReplace.getModifiers()) || writeReplace.getParameterCount() != 0) {
                    return o;
                }
                writeReplace.setAccessible(true);
                Object replaced = writeReplace.invoke(o);
                return replaced == null ? o : replaced;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return o;
            }
        }
        return o;
    }

    private static String shortName(Class<?> type) {
        if (type.isSynthetic() && type.getName().contains("$$Lambda")) {
            return "the lambda";
        }
        return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }
}
