package io.github.execmodels.examples;

import java.io.PrintStream;

/** A one-line progress bar on standard error, so that standard output keeps only the results. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String label;
    private final int total;

    ProgressBar(PrintStream err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void update(int done) {
        int filled = total == 0 ? WIDTH : WIDTH * done / total;
        err.print("\r" + String.format("%-18s", label) + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total);
        err.flush();
    }

    void finish() {
        err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
        err.flush();
    }
}
