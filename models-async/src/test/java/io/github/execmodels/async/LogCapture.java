package io.github.execmodels.async;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what the tests' SLF4J binding (slf4j-simple, which looks up {@code System.err} at every line) prints,
 * while still printing it: the loop reports through its log only, and the tests read the log.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /**
     * Returns the messages logged on {@code loop}'s thread, each with the stack trace lines that followed it.
     *
     * @param loop a loop that is still open
     */
    List<String> messagesOf(EventLoop loop) {
        String thread = loop.submit(() -> Thread.currentThread().getName()).join();
        return messagesOfThread(thread);
    }

    List<String> messagesOfThread(String thread) {
        List<String> messages = new ArrayList<>();
        boolean inOurs = false;
        for (String line : new String(captured.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("[")) {
                inOurs = line.startsWith("[" + thread + "] ") && line.contains(" - ");
                if (inOurs) {
                    messages.add(line.substring(line.indexOf(" - ") + 3));
                }
            } else if (inOurs && !messages.isEmpty()) {
                int last = messages.size() - 1;
                messages.set(last, messages.get(last) + "\n" + line);
            }
        }
        return messages;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
