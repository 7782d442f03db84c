package io.github.execmodels.process;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns the objects that cross the channel between the parent and its worker processes (jobs, chunks of a map,
 * results and exceptions) into bytes and back.
 *
 * <p>The codec configured on {@link ProcessPoolModel.Builder#codec(Codec)} is itself serialized once and sent
 * to every worker, so both sides use the same settings: an implementation must be {@link Serializable} and its
 * classes must be on the workers' class path. The default is {@link JavaSerializationCodec}.
 *
 * <p>Implementations must be thread safe: the parent encodes on the threads that submit work and decodes on
 * one reader thread per worker.
 *
 * @since 0.1
 */
public interface Codec extends Serializable {

    /**
     * Encodes {@code value}.
     *
     * @param value the object, possibly {@code null}
     * @return its bytes
     * @throws java.io.NotSerializableException if the value, or an object it refers to, cannot be encoded
     * @throws IOException if encoding fails otherwise
     * @since 0.1
     */
    byte[] encode(Object value) throws IOException;

    /**
     * Decodes what {@link #encode(Object)} produced, in this process or another one with the same classes.
     *
     * @param bytes the encoded value
     * @return the value, possibly {@code null}
     * @throws java.io.InvalidClassException if the bytes name a class the codec's filter rejects
     * @throws ClassNotFoundException if a class named in the bytes is missing here
     * @throws IOException if the bytes are malformed or exceed a limit
     * @since 0.1
     */
    Object decode(byte[] bytes) throws IOException, ClassNotFoundException;
}
