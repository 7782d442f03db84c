package io.github.execmodels.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a member how many threads its executor of the given name has: what it can run at once for this model.
 *
 * <p>Not thread safe; Hazelcast sets the instance once before calling.
 */
final class PoolSize implements Callable<Integer>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final String executor;
    private transient HazelcastInstance instance;

    PoolSize(String executor) {
        this.executor = executor;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    @Override
    public Integer call() {
        return instance.getConfig().findExecutorConfig(executor).getPoolSize();
    }
}
