package io.github.execmodels.async.hostile;

import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link OutOfDescriptorsTest}: an echo server that, when told {@code hog}, opens files until the
 * process has no descriptor left, and closes them again when told {@code free}. It answers each command on stdout.
 */
public final class DescriptorStarvedServer {

    private DescriptorStarvedServer() {
    }

    public static void main(String[] args) throws IOException {
        List<FileInputStream> hog = new ArrayList<>();
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = loop.startServer("127.0.0.1", 0, c -> c.readLine().thenApply(line -> {
                c.write(line);
                return null;
            }));
            System.out.println("port " + server.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null && !command.equals("exit"); ) {
                if (command.equals("hog")) {
                    try {
                        while (true) {
                            hog.add(new FileInputStream("/dev/null"));
                        }
                    } catch (IOException full) {
                        System.out.println("full " + hog.size());
                    }
                } else if (command.equals("free")) {
                    for (FileInputStream f : hog) {
                        f.close();
                    }
                    hog.clear();
                    System.out.println("freed");
                }
            }
        }
    }
}
