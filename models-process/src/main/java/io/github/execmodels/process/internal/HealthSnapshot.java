package io.github.execmodels.process.internal;

import java.util.Map;

/**
 * The state of a pool's workers at one moment.
 *
 * @param alive workers alive now
 * @param started workers started since the pool was built
 * @param replaced workers replaced, by the label of their {@link ExitReason}
 * @param healthy false when the last starts failed and no worker is ready
 */
public record HealthSnapshot(int alive, long started, Map<String, Long> replaced, boolean healthy) {
}
