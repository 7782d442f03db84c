package io.github.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every Java snippet in the README and the docs must appear, line for line, in a compiled source of the
 * repository (indentation, runs of spaces and trailing comments aside), so that the docs cannot drift from the API.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    @Timeout(120)
    void theSnippetsRun() {
        QuickStart.readme(List.of(1, 2, 3, 4, 5));
        assertThat(QuickStart.sequential(List.of("a", "bb"))).containsExactly(1, 2);
        assertThat(QuickStart.codecChecked(List.of(1, 2, 3, 4))).containsExactly(false, true, true, false);
        assertThat(printed(() -> QuickStart.eventLoop(x -> x * 2L, List.of(1, 2)))).contains("[2, 4]");
        assertThat(printed(() -> QuickStart.processes(List.of(2, 3, 4)))).contains("[true, true, false]");
        QuickStart.processPoolBuilder(List.of(2, 3, 4));
        QuickStart.gatheredSleeps();
    }

    /** What {@code snippet} prints to standard output. */
    private static String printed(Runnable snippet) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            snippet.run();
        } finally {
            System.setOut(stdout);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyJavaSnippetInTheDocsComesFromASource() throws IOException {
        List<String> sources = javaSources();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            for (List<String> snippet : javaSnippets(doc)) {
                checked++;
                String block = String.join("\n", snippet);
                if (sources.stream().noneMatch(source -> source.contains(block))) {
                    missing.add(ROOT.relativize(doc) + ":\n" + block);
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(missing).as("snippets found in no source file").isEmpty();
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The non-blank lines of each ```java block, trimmed. */
    static List<List<String>> javaSnippets(Path doc) throws IOException {
        List<List<String>> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (current == null && line.trim().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.trim().equals("```")) {
                snippets.add(current);
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(normalized(line));
            }
        }
        return snippets;
    }

    /** A line without its indentation, runs of spaces or trailing comment (a line that is a comment stays). */
    static String normalized(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("//")) {
            trimmed = trimmed.replaceAll("\\s+//.*$", "");
        }
        return trimmed.replaceAll("\\s+", " ");
    }

    /** Every main and test Java source of the repository, each as its trimmed non-blank lines. */
    private static List<String> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .map(DocSnippetsTest::trimmedLines)
                    .collect(Collectors.toList());
        }
    }

    private static String trimmedLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .map(DocSnippetsTest::normalized).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
