package io.github.execmodels.benchmarks.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code multiprocessing.Pool(2)}, run in the same sitting as the Java figures it is compared with. */
final class PythonPool {

    /** A standard-library program: the median time of {@code Pool(2).map} over two elements, on a warm pool. */
    private static final String MAP_OF_TWO = String.join("\n",
            "import multiprocessing, sys, time",
            "def double(x):",
            "    return x * 2",
            "if __name__ == '__main__':",
            "    n = int(sys.argv[1])",
            "    with multiprocessing.Pool(2) as pool:",
            "        for _ in range(n):",
            "            pool.map(double, [1, 2])",
            "        times = []",
            "        for _ in range(n):",
            "            t0 = time.perf_counter()",
            "            pool.map(double, [1, 2])",
            "            times.append(time.perf_counter() - t0)",
            "    times.sort()",
            "    print('median_ms=%.4f p10_ms=%.4f p90_ms=%.4f' % (times[n // 2] * 1e3, times[n // 10] * 1e3,"
                    + " times[n * 9 // 10] * 1e3))",
            "");

    private PythonPool() {
    }

    /** Returns Python's median, 10th and 90th percentile in milliseconds, or {@code null} without {@code python3}. */
    static double[] mapOfTwoMillis(int repeats) throws Exception {
        Path script = Files.createTempFile("pool_map_of_two", ".py");
        try {
            Files.writeString(script, MAP_OF_TWO);
            Process p;
            try {
                p = new ProcessBuilder("python3", script.toString(), Integer.toString(repeats)).redirectErrorStream(true)
                        .start();
            } catch (java.io.IOException e) {
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("python3 failed: " + out);
            }
            Matcher m = Pattern.compile("median_ms=([0-9.]+) p10_ms=([0-9.]+) p90_ms=([0-9.]+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("unexpected output of python3: " + out);
            }
            return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3))};
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Runs the anchor script {@code pool_overhead.py}; returns {@code Pool(2).map}'s median items/s over 1M. */
    static double identityRate(Path anchors) throws Exception {
        Path json = Files.createTempFile("pool_overhead", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", "pool_overhead.py", "--repeats", "5",
                    "--crash-timeout", "3", "--json", json.toString());
            pb.directory(anchors.toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("pool_overhead.py exited with " + code);
            }
            String text = Files.readString(json);
            Matcher m = Pattern.compile("\"pool2_map_1M_default_chunks\"\\s*:\\s*\\{\\s*\"median\"\\s*:\\s*([0-9.eE+]+)")
                    .matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no pool2_map_1M_default_chunks in " + json);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            Files.deleteIfExists(json);
        }
    }
}
