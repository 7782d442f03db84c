package io.github.execmodels.process.testing;

import io.github.execmodels.Models;
import io.github.execmodels.process.ProcessPoolModel;

/** A parent JVM for the kill -9 test: starts a pool, prints its workers' pids on one line, then waits. */
public final class OrphanParent {

    private OrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPoolModel pool = (ProcessPoolModel) Models.processes(2);
        pool.submit(() -> 1).join();
        pool.map(x -> x, java.util.List.of(1, 2, 3, 4));
        StringBuilder line = new StringBuilder("PIDS");
        for (long pid : pool.workerPids()) {
            line.append(' ').append(pid);
        }
        System.out.println(line);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
