package io.github.execmodels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only log in a file, so that work running in another thread or another process can report what it
 * did. Each line is written with one append, which POSIX keeps whole.
 */
public final class RunLog {

    private final Path file;

    public RunLog(Path file) {
        this.file = file;
    }

    public void record(String line) {
        try {
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(String prefix) {
        return lines().stream().filter(line -> line.startsWith(prefix)).count();
    }
}
