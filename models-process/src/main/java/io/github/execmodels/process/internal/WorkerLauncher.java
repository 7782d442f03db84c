package io.github.execmodels.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Launches worker processes: opens the worker's channel, builds its command line (the pool's command, the class
 * data archive to map or to write, the parent's pid, the channel's path) and starts it. Only one worker at a time
 * writes the class data archive.
 *
 * <p>Thread safe.
 */
final class WorkerLauncher implements AutoCloseable {

    /**
     * A started worker process.
     *
     * @param process the process
     * @param channel its channel, not yet connected
     * @param archiveDump where it writes a class data archive when it exits normally, or null
     */
    record Launch(Process process, WorkerChannel channel, Path archiveDump) {
    }

    private final PoolSettings settings;
    private final Path channelDirectory;
    private final AtomicBoolean archiving = new AtomicBoolean();

    /**
     * @throws IOException if the private folder of the channels cannot be created
     */
    WorkerLauncher(PoolSettings settings) throws IOException {
        this.settings = settings;
        this.channelDirectory = ChannelDirectory.create();
    }

    /**
     * Starts worker {@code number}.
     *
     * @throws IOException with the cause (the directory, the {@code java} binary, the OS error) if it cannot
     */
    Launch launch(int number) throws IOException {
        WorkerChannel channel;
        try {
            ChannelDirectory.ensure(channelDirectory);
            channel = WorkerChannel.listen(channelDirectory, "worker-" + number + ".sock");
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot open a channel for a worker in " + channelDirectory + ": " + e, e);
        }
        List<String> command = new ArrayList<>(settings.command());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(channel.address().toString());
        Path dump = null;
        Path archive = settings.classDataArchive();
        if (archive != null) {
            if (Files.isRegularFile(archive)) {
                command.add(1, "-XX:SharedArchiveFile=" + archive);
            } else if (archiving.compareAndSet(false, true)) {
                dump = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                        + System.nanoTime() + ".tmp");
                command.add(1, "-XX:ArchiveClassesAtExit=" + dump);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (settings.directory() != null) {
            builder.directory(settings.directory().toFile());
        }
        builder.environment().putAll(settings.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            channel.close();
            if (dump != null) {
                archiving.set(false);
            }
            throw e;
        }
        try {
            process.getOutputStream().close(); // the worker's stdin carries nothing
        } catch (IOException e) {
            // it is gone already: its reader sees that
        }
        return new Launch(process, channel, dump);
    }

    /** A worker that was to write the class data archive has ended: install what it wrote, if anything. */
    void archiveWritten(Path dump) {
        ClassDataArchives.install(dump, settings.classDataArchive());
        archiving.set(false);
    }

    /** Deletes the channels' folder. */
    @Override
    public void close() {
        ChannelDirectory.delete(channelDirectory);
    }
}
