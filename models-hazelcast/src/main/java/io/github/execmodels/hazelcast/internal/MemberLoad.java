package io.github.execmodels.hazelcast.internal;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Which member gets the next job: the one with the fewest unanswered jobs per executor thread, among the data
 * members the cluster lists now, leaving out members lost recently. A member counts as lost from the moment an
 * invocation on it fails until the cluster drops it from its list, or for a minute at most (a connection that broke
 * and came back).
 *
 * <p>Thread safe.
 */
final class MemberLoad {

    private static final long LOST_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Cluster cluster;
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> threads = new ConcurrentHashMap<>();
    private final Map<UUID, Lost> lost = new ConcurrentHashMap<>();

    private record Lost(String address, long sinceNanos) {
    }

    MemberLoad(Cluster cluster) {
        this.cluster = cluster;
    }

    void setThreads(Member member, int count) {
        threads.put(member.getUuid(), Math.max(1, count));
    }

    /** Returns the member for the next job, or {@code null} when none is available. */
    Member pick() {
        long now = System.nanoTime();
        lost.values().removeIf(l -> now - l.sinceNanos() > LOST_FOR_NANOS);
        List<UUID> listed = new ArrayList<>();
        Member best = null;
        double bestLoad = Double.MAX_VALUE;
        for (Member member : cluster.getMembers()) {
            listed.add(member.getUuid());
            if (member.isLiteMember() || lost.containsKey(member.getUuid())) {
                continue;
            }
            double load = (inFlight.getOrDefault(member.getUuid(), 0) + 1.0)
                    / threads.getOrDefault(member.getUuid(), 1);
            if (load < bestLoad) {
                best = member;
                bestLoad = load;
            }
        }
        lost.keySet().retainAll(listed);
        return best;
    }

    void add(Member member) {
        inFlight.merge(member.getUuid(), 1, Integer::sum);
    }

    void remove(Member member) {
        inFlight.computeIfPresent(member.getUuid(), (k, n) -> n > 1 ? n - 1 : null);
    }

    void lost(Member member) {
        lost.putIfAbsent(member.getUuid(), new Lost(Dispatcher.address(member), System.nanoTime()));
    }

    List<String> lostAddresses() {
        List<String> addresses = new ArrayList<>();
        lost.values().forEach(l -> addresses.add(l.address()));
        return addresses;
    }

    /** Returns the number of jobs sent and not yet answered, over all members. */
    int total() {
        return inFlight.values().stream().mapToInt(Integer::intValue).sum();
    }
}
