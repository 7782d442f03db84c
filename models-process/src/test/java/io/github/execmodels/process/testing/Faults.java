package io.github.execmodels.process.testing;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Functions that hurt the worker running them, built in static methods so they capture only what they need. */
public final class Faults {

    private Faults() {
    }

    /** The ways a worker can die. */
    public enum Death {
        EXIT, HALT, KILL_SIGNAL, OUT_OF_MEMORY, STACK_OVERFLOW
    }

    /** Kills its worker in the given way when it sees {@code victim}; returns {@code x * 2} otherwise. */
    public static Fn<Integer, Integer> dieAt(int victim, Death death) {
        return x -> {
            if (x == victim) {
                die(death);
            }
            return x * 2;
        };
    }

    /** Kills its worker for every element in {@code victims}, throws for every one in {@code throwing}. */
    public static Fn<Integer, Integer> dieOrThrow(Set<Integer> victims, Set<Integer> throwing) {
        Set<Integer> v = new HashSet<>(victims);
        Set<Integer> t = new HashSet<>(throwing);
        return x -> {
            if (v.contains(x)) {
                Runtime.getRuntime().halt(3);
            }
            if (t.contains(x)) {
                throw new IllegalStateException("boom at " + x);
            }
            return x * 2;
        };
    }

    /** Kills its worker the first time it sees {@code victim} (a marker file remembers), then returns x * 2. */
    public static Fn<Integer, Integer> dieOnceAt(int victim, Path marker) {
        String file = marker.toString();
        return x -> {
            if (x == victim && !Files.exists(Path.of(file))) {
                Files.createFile(Path.of(file));
                Runtime.getRuntime().halt(5);
            }
            return x * 2;
        };
    }

    /** Sleeps {@code millis} per element (so that results stream back), and kills its worker once at {@code victim}. */
    public static Fn<Integer, Integer> slowDieOnceAt(int victim, Path marker, long millis) {
        String file = marker.toString();
        return x -> {
            Thread.sleep(millis);
            if (x == victim && !Files.exists(Path.of(file))) {
                Files.createFile(Path.of(file));
                Runtime.getRuntime().halt(5);
            }
            return x * 2;
        };
    }

    public static Job<Integer> dieJob(Death death) {
        return () -> {
            die(death);
            return 0;
        };
    }

    static void die(Death death) throws Exception {
        switch (death) {
            case EXIT:
                System.exit(42);
                break;
            case HALT:
                Runtime.getRuntime().halt(43);
                break;
            case KILL_SIGNAL:
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(10_000);
                break;
            case OUT_OF_MEMORY:
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            case STACK_OVERFLOW:
                recurse(1);
                break;
            default:
                throw new AssertionError(death);
        }
    }

    private static long recurse(long n) {
        return recurse(n + 1) + 1;
    }

    /** Loops forever, ignoring interrupts. */
    public static Job<Integer> spin() {
        return () -> {
            long x = 0;
            while (x >= 0) {
                x = (x + 1) % 1_000_000;
            }
            return (int) x;
        };
    }

    /** An element function that spins forever on {@code victim}. */
    public static Fn<Integer, Integer> spinAt(int victim) {
        return x -> {
            if (x == victim) {
                spin().call();
            }
            return x;
        };
    }

    /** Writes bytes that are not a frame straight to the worker's real stdout. */
    public static Job<Integer> garbage() {
        return () -> {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write("Hello, protocol!\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return 1;
        };
    }

    /** Returns an array of {@code size} bytes. */
    public static Job<byte[]> bytes(int size) {
        return () -> new byte[size];
    }

    /** Returns the worker's pid. */
    public static Job<Long> pid() {
        return () -> ProcessHandle.current().pid();
    }

    /** The worker's pid, for an element. */
    public static Fn<Integer, Long> pidOf() {
        return x -> ProcessHandle.current().pid();
    }
}
