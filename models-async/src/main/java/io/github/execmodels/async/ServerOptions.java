package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requirePositive;
import static io.github.execmodels.internal.Checks.requireUnset;

import java.time.Duration;

/**
 * How a {@link Server} guards itself against clients that arrive by the thousand, say nothing, or never read:
 * a limit on open connections, an idle timeout and a linger timeout.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder().maxConnections(1_000).idleTimeout(Duration.ofSeconds(30)).build();
 * Server server = loop.startServer("127.0.0.1", 8080, options, handler);
 * }</pre>
 *
 * <p>The defaults ({@link #defaults()}) are those of a production server: at most {@value #DEFAULT_MAX_CONNECTIONS}
 * connections, an idle timeout of 60 s and a linger timeout of 30 s.
 *
 * <p>Instances are immutable and thread safe.
 *
 * @since 0.1
 */
public final class ServerOptions {

    /**
     * The default of {@link #maxConnections()}.
     *
     * @since 0.1
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_LINGER_TIMEOUT = Duration.ofSeconds(30);

    private static final ServerOptions DEFAULTS = new Builder().build();

    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration lingerTimeout;

    private ServerOptions(Builder builder) {
        this.maxConnections = builder.maxConnections > 0 ? builder.maxConnections : DEFAULT_MAX_CONNECTIONS;
        this.idleTimeout = builder.idleTimeout != null ? builder.idleTimeout : DEFAULT_IDLE_TIMEOUT;
        this.lingerTimeout = builder.lingerTimeout != null ? builder.lingerTimeout : DEFAULT_LINGER_TIMEOUT;
    }

    /**
     * Returns the options of a production server: {@value #DEFAULT_MAX_CONNECTIONS} connections, 60 s idle timeout,
     * 30 s linger timeout.
     *
     * @return the default options
     * @since 0.1
     */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a new builder, every property unset (at its default).
     *
     * @return a builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the most connections the server keeps open at once. At the limit it stops accepting until one closes:
     * further clients wait in the listening socket's backlog (back-pressure), they are not refused.
     *
     * @return the limit
     * @since 0.1
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns how long a connection may go without a byte moving either way before the server closes it. A
     * handler's read then sees end of stream.
     *
     * @return the idle timeout
     * @since 0.1
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Returns how long closing a connection waits for its buffered output to be taken by the peer; past it the
     * connection is aborted (reset) and released.
     *
     * @return the linger timeout
     * @since 0.1
     */
    public Duration lingerTimeout() {
        return lingerTimeout;
    }

    @Override
    public String toString() {
        return "ServerOptions[maxConnections=" + maxConnections + ", idleTimeout=" + idleTimeout
                + ", lingerTimeout=" + lingerTimeout + "]";
    }

    /**
     * Builds {@link ServerOptions}. Each property may be set once; {@link #build()} may be called many times.
     *
     * <p>Thread safety: not thread safe; confine a builder to one thread.
     *
     * @since 0.1
     */
    public static final class Builder {

        private int maxConnections;
        private Duration idleTimeout;
        private Duration lingerTimeout;

        private Builder() {
        }

        /**
         * Sets the most connections open at once; {@value ServerOptions#DEFAULT_MAX_CONNECTIONS} by default.
         *
         * @param maxConnections the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxConnections < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxConnections(int maxConnections) {
            requireUnset(this.maxConnections == 0, "maxConnections");
            this.maxConnections = requirePositive(maxConnections, "maxConnections");
            return this;
        }

        /**
         * Sets how long a connection may be idle before the server closes it; 60 s by default.
         *
         * @param idleTimeout the timeout
         * @return this builder
         * @throws IllegalArgumentException if {@code idleTimeout} is zero or negative
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code idleTimeout} is {@code null}
         * @since 0.1
         */
        public Builder idleTimeout(Duration idleTimeout) {
            requireUnset(this.idleTimeout == null, "idleTimeout");
            this.idleTimeout = requirePositive(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Sets how long closing a connection waits for its buffered output; 30 s by default.
         *
         * @param lingerTimeout the timeout
         * @return this builder
         * @throws IllegalArgumentException if {@code lingerTimeout} is zero or negative
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code lingerTimeout} is {@code null}
         * @since 0.1
         */
        public Builder lingerTimeout(Duration lingerTimeout) {
            requireUnset(this.lingerTimeout == null, "lingerTimeout");
            this.lingerTimeout = requirePositive(lingerTimeout, "lingerTimeout");
            return this;
        }

        /**
         * Returns options with the properties set so far, the others at their defaults.
         *
         * @return the options
         * @since 0.1
         */
        public ServerOptions build() {
            return new ServerOptions(this);
        }
    }
}
