package io.github.execmodels.process.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder that holds a pool's channel sockets: new for each pool, under {@code java.io.tmpdir}, readable,
 * writable and searchable by its owner only (on file systems with POSIX permissions; elsewhere the temporary
 * folder is the user's own), and deleted when the pool closes. A socket in it can be reached only by processes of
 * the same user.
 *
 * <p>Thread safe.
 */
final class ChannelDirectory {

    private static final Logger log = LoggerFactory.getLogger(ChannelDirectory.class);

    private ChannelDirectory() {
    }

    static Path create() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("execmodels-",
                    PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
        }
        return Files.createTempDirectory("execmodels-");
    }

    /**
     * Creates {@code directory} again, owner-only, if it is missing: a worker removes it, if empty, when it finds
     * its parent gone (its pool is closing, or the parent was killed and could not). A folder someone else created
     * meanwhile under that name is refused ({@code createDirectory} fails).
     */
    static void ensure(Path directory) throws IOException {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Deletes the folder and the sockets left in it. */
    static void delete(Path directory) {
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            log.debug("channel folder {} not deleted: {}", directory, e.toString());
        }
    }
}
