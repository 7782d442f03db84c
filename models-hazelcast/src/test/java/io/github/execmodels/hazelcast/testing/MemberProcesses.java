package io.github.execmodels.hazelcast.testing;

import io.github.execmodels.hazelcast.Member;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Members in their own JVMs, started with the launcher and this test's class path, on loopback; {@link #close()}
 * kills every one still alive and waits for it.
 */
public final class MemberProcesses implements AutoCloseable {

    private final String cluster;
    private final List<Integer> ports;
    private final Path logDirectory;
    private final List<Process> started = new ArrayList<>();

    public MemberProcesses(String cluster, List<Integer> ports, Path logDirectory) {
        this.cluster = cluster;
        this.ports = List.copyOf(ports);
        this.logDirectory = logDirectory;
    }

    /** Starts the member on {@code port} (one of the ports given), with one executor thread. */
    public Process start(int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; these members run no benchmark
        for (String property : TestClusters.FAST_FAILURE_DETECTION) {
            command.add("-D" + property);
        }
        command.add("-Dhazelcast.logging.type=slf4j");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Member.class.getName());
        command.addAll(List.of("--cluster", cluster, "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--threads", "1", "--members", String.join(",", TestClusters.addresses(ports))));
        File log = logDirectory.resolve("member-" + port + ".log").toFile();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member JVMs of this JVM that are still alive. */
    public static List<ProcessHandle> aliveMembers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(Member.class.getName())).orElse(false))
                .collect(Collectors.toList());
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
        }
        for (Process process : started) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
