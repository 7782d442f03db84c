package io.github.execmodels.examples;

import io.github.execmodels.examples.primes.PrimeExperiment.Row;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints experiment rows as a table and as a bar chart, in the terminal. */
final class Table {

    private static final int BAR_WIDTH = 40;

    private Table() {
    }

    static void print(List<Row> rows, PrintStream out) {
        double baseline = rows.stream().filter(r -> r.ran() && r.model().equals("sequential"))
                .mapToDouble(Row::seconds).findFirst().orElse(Double.NaN);
        out.printf(Locale.ROOT, "%-18s %7s %9s %8s %8s  %s%n", "model", "workers", "seconds", "speedup", "setup s",
                "primes");
        for (Row row : rows) {
            if (!row.ran()) {
                out.printf(Locale.ROOT, "%-18s %7s %9s %8s %8s  skipped: %s%n", row.model(), "-", "-", "-", "-",
                        row.note());
                continue;
            }
            out.printf(Locale.ROOT, "%-18s %7d %9.3f %7.2fx %8.3f  %d%n", row.model(), row.workers(), row.seconds(),
                    baseline / row.seconds(), row.setupSeconds(), row.primes());
        }
        double slowest = rows.stream().filter(Row::ran).mapToDouble(Row::seconds).max().orElse(1);
        out.println();
        out.println("seconds (shorter is faster)");
        for (Row row : rows) {
            if (row.ran()) {
                int width = (int) Math.max(1, Math.round(BAR_WIDTH * row.seconds() / slowest));
                out.printf(Locale.ROOT, "%-18s |%s %.3f%n", row.model(), "#".repeat(width), row.seconds());
            }
        }
    }
}
