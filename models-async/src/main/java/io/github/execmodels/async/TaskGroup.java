package io.github.execmodels.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A group of coroutines that live and die together, like asyncio's {@code TaskGroup}: made by
 * {@link Async#taskGroup(io.github.execmodels.Fn)}, whose task completes once the body and every coroutine
 * spawned in the group are done. The first failure cancels the body and the other coroutines, and the group's task
 * fails with it (later failures are added to it as suppressed exceptions); cancelling the group's task cancels them
 * all.
 *
 * <p>Thread safety: confined to the loop's thread.
 *
 * @since 0.1
 */
public final class TaskGroup {

    private final GroupTask<?> owner;

    TaskGroup(GroupTask<?> owner) {
        this.owner = owner;
    }

    /**
     * Starts {@code coroutine} as a member of this group.
     *
     * @param coroutine the work
     * @param <R> its result type
     * @return its task
     * @throws IllegalStateException if not called on the loop's thread, or if the group is already done
     * @throws NullPointerException if {@code coroutine} is {@code null}
     * @since 0.1
     */
    public <R> AsyncTask<R> spawn(Coroutine<R> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        owner.loop.checkInEventLoop("TaskGroup.spawn");
        if (owner.isDone() || owner.finished) {
            throw new IllegalStateException("the task group is done: it takes no more coroutines");
        }
        AsyncTask<R> child = owner.loop.spawn(coroutine);
        owner.add(child);
        if (owner.failure != null || owner.cancelRequested) {
            child.cancelOnLoop();
        }
        return child;
    }

    /**
     * Returns how many members (the body included) are not done yet.
     *
     * @return the count
     * @since 0.1
     */
    public int pending() {
        return owner.pending;
    }

    static final class GroupTask<R> extends AsyncTask<R> implements Continuation {
        final List<AsyncTask<?>> members = new ArrayList<>();
        AsyncTask<?> body;
        Throwable failure;
        int pending;
        boolean finished;

        GroupTask(EventLoop loop) {
            super(loop, true);
        }

        void add(AsyncTask<?> member) {
            members.add(member);
            pending++;
            member.addCallback(this);
        }

        @Override
        public void onDone(AsyncTask<?> member) {
            pending--;
            Throwable f = member.failureRaw();
            if (f != null && !(f instanceof CancellationException)) {
                if (failure == null) {
                    failure = f;
                    cancelMembers();
                } else if (failure != f) {
                    failure.addSuppressed(f);
                }
            }
            if (pending == 0 && !isDone()) {
                finished = true;
                if (failure != null) {
                    completeFailure(failure);
                } else if (cancelRequested || body.isCancelled()) {
                    completeCancelled();
                } else {
                    completeValue(body.valueRaw());
                }
            }
        }

        private void cancelMembers() {
            for (AsyncTask<?> m : new ArrayList<>(members)) {
                m.cancelOnLoop();
            }
        }

        @Override
        void doCancel() {
            cancelMembers();
            if (pending == 0) {
                completeCancelled();
            }
        }
    }
}
