package io.github.execmodels.process.testing;

import io.github.execmodels.Models;
import io.github.execmodels.process.ProcessPoolModel;

/**
 * A parent JVM for the orphan tests: starts a pool, prints its workers' pids on one line, then waits to be killed,
 * or with the argument {@code exit}, calls {@code System.exit} without closing the pool.
 */
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
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(120_000);
    }
}
