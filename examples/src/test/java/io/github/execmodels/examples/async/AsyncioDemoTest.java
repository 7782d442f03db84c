package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncioDemoTest {

    @Test
    void sequentialSleepsAddUpAndTheOthersWaitAtLeastOneSleep() {
        Duration sleep = Duration.ofMillis(20);
        List<Duration> t = AsyncioDemo.timings(sleep);
        assertThat(t).hasSize(3);
        // lower bounds only: a sleep never ends early; upper bounds would test the machine's speed
        assertThat(t.get(0)).isGreaterThanOrEqualTo(sleep.multipliedBy(3));
        assertThat(t.get(1)).isGreaterThanOrEqualTo(sleep);
        assertThat(t.get(2)).isGreaterThanOrEqualTo(sleep);
    }
}
