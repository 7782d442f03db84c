/**
 * The cluster model: the same {@code map} on a Hazelcast cluster, as
 * {@link io.github.execmodels.hazelcast.HazelcastModel}; {@code Models.of("hazelcast:...")} finds it as a service.
 * {@link io.github.execmodels.hazelcast.Member} starts a member with the caller's classes on its class path.
 *
 * @provides io.github.execmodels.spi.ExecutionModelProvider for the kind {@code hazelcast}
 * @since 0.1
 */
module io.github.execmodels.hazelcast {
    requires transitive io.github.execmodels;
    requires transitive com.hazelcast.core;
    requires org.slf4j;

    exports io.github.execmodels.hazelcast;

    provides io.github.execmodels.spi.ExecutionModelProvider
            with io.github.execmodels.hazelcast.internal.HazelcastProvider;
}
