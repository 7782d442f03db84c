package io.github.execmodels.process.internal;

import java.util.Map;

/**
 * The state of a pool's workers at one moment.
 *
 * @param alive workers alive now
 * @param started workers started since the pool was built
 * @param replaced workers replaced, by the label of their {@link ExitReason}
 * @param startFailures how many starts have failed in a row (0 once a worker is ready)
 */
public record HealthSnapshot(int alive, long started, Map<String, Long> replaced, int startFailures) {
}
