package io.github.execmodels.benchmarks.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.process.ProcessPoolModel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Time from creating {@code processes(2)} to its first result, against a bare {@code java -version} of the same JVM
 * measured alternately in the same run: once with the workers on this jar (a class path of jars, as a packaged
 * application has), once with the same classes unpacked into a folder (as an IDE or {@code mvn exec} gives).
 */
final class StartUp {

    private StartUp() {
    }

    static void run(int repeats) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path folder = unpackedClassPath();
        List<Double> bare = new ArrayList<>();
        List<Double> jars = new ArrayList<>();
        List<Double> folders = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            bare.add((System.nanoTime() - t0) / 1e6);
            jars.add(firstResult(() -> Models.processes(2)));
            if (folder != null) {
                folders.add(firstResult(() -> ProcessPoolModel.builder().workers(2).classPath(folder.toString()).build()));
            }
        }
        double b = Stats.median(bare);
        report("jars", b, bare, jars);
        if (folder != null) {
            report("class folder", b, bare, folders);
            deleteTree(folder);
        }
    }

    private static double firstResult(Supplier<ExecutionModel> pool) {
        long t0 = System.nanoTime();
        try (ExecutionModel processes = pool.get()) {
            Integer one = processes.submit(() -> 1).join();
            double millis = (System.nanoTime() - t0) / 1e6;
            if (one != 1) {
                throw new AssertionError("wrong result " + one);
            }
            return millis;
        }
    }

    private static void report(String what, double bareMedian, List<Double> bare, List<Double> pool) {
        double p = Stats.median(pool);
        System.out.printf(Locale.ROOT, "start-up, %s: java -version %.0f ms, Models.processes(2) to first result %.0f ms"
                + " (medians of %d: %s / %s) -> %.2fx a bare JVM start (target <= 2x)%n", what, bareMedian, p,
                pool.size(), Stats.rounded(bare), Stats.rounded(pool), p / bareMedian);
    }

    /** This program's jar unpacked into a temporary folder, or {@code null} if it does not run from one jar. */
    private static Path unpackedClassPath() throws IOException {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            System.out.println("start-up, class folder: skipped (run from one jar to measure it)");
            return null;
        }
        Path dir = Files.createTempDirectory("execmodels-classes");
        try (JarFile jar = new JarFile(entries[0])) {
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry e = all.nextElement();
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
