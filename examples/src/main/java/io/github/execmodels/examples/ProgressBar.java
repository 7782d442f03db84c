package io.github.execmodels.examples;

import java.io.PrintStream;

/**
 * A progress bar on standard error, so that standard output keeps only the results. On a terminal it is one line
 * redrawn in place (carriage-return frames); into a log or a pipe, where those frames would pile up, it writes one
 * plain line per update instead.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String label;
    private final int total;
    private final boolean terminal;

    ProgressBar(PrintStream err, String label, int total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    /** Whether this JVM writes to a terminal, where a bar may redraw itself. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    void update(int done) {
        int filled = total == 0 ? WIDTH : WIDTH * done / total;
        String frame = String.format("%-18s", label) + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total;
        if (terminal) {
            err.print("\r" + frame);
        } else {
            err.println(frame);
        }
        err.flush();
    }

    void finish() {
        if (terminal) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
