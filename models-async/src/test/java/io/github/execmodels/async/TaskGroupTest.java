package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TaskGroupTest {

    @Test
    void theFirstFailureCancelsTheSiblingsAndIsRaised() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        Throwable failure = VirtualTime.run(ticker, () -> Async.taskGroup(group -> {
            group.spawn(() -> Async.sleep(10.0).andFinally(() -> log.add("slow sibling cleaned up")));
            group.spawn(() -> Async.sleep(1.0).thenApply(v -> {
                throw new IllegalStateException("boom");
            }));
            return Async.sleep(20.0).andFinally(() -> log.add("body cleaned up"));
        }).thenApply(v -> (Throwable) null).recover(e -> e));
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(log).containsExactlyInAnyOrder("slow sibling cleaned up", "body cleaned up");
        assertThat(ticker.nanoTime()).isEqualTo(1_000_000_000L + 1_000_000_000L);
    }

    @Test
    void aGroupWaitsForEveryMember() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<Integer> done = new ArrayList<>();
        String r = VirtualTime.run(ticker, () -> Async.taskGroup(group -> {
            for (int i = 1; i <= 3; i++) {
                int n = i;
                group.spawn(() -> Async.sleep((double) n).thenApply(v -> done.add(n)));
            }
            return Async.completed("body");
        }));
        assertThat(r).isEqualTo("body");
        assertThat(done).containsExactly(1, 2, 3);
    }

    @Test
    void cancellingTheGroupCancelsAllMembers() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<AsyncTask<Void>> members = new ArrayList<>();
        boolean cancelled = VirtualTime.run(ticker, () -> {
            AsyncTask<String> g = Async.taskGroup(group -> {
                members.add(group.spawn(() -> Async.sleep(10.0)));
                members.add(group.spawn(() -> Async.sleep(11.0)));
                return Async.sleep(12.0).thenApply(v -> "body");
            });
            return Async.sleep(1.0).thenCompose(v -> {
                g.cancel();
                return g.thenApply(x -> false).recover(e -> e instanceof CancellationException);
            });
        });
        assertThat(cancelled).isTrue();
        assertThat(members).allMatch(AsyncTask::isCancelled);
    }
}
