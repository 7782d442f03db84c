package io.github.execmodels.process.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing for the workers: the first worker of a given command line writes a dynamic archive of the
 * classes it loaded when it exits normally ({@code -XX:ArchiveClassesAtExit}); later workers map it
 * ({@code -XX:SharedArchiveFile}) and start faster. The archive's name is a hash of the JVM and the command line,
 * so a changed class path gets a new one; at most {@link #KEEP} archives are kept.
 *
 * <p>Thread safe: stateless; concurrent writers each write their own temporary file and rename it into place.
 */
public final class ClassDataArchives {

    private static final Logger log = LoggerFactory.getLogger(ClassDataArchives.class);
    private static final int KEEP = 8;

    private ClassDataArchives() {
    }

    /**
     * Returns where the archive for this command line lives, or {@code null} if the class path cannot be archived
     * (the JVM archives only class paths made of jar files).
     */
    public static Path archiveFor(List<String> command, String classPath) {
        try {
            StringBuilder key = new StringBuilder(System.getProperty("java.home")).append('\n')
                    .append(System.getProperty("java.vm.version")).append('\n').append(String.join("\n", command));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!Files.isRegularFile(p) || !entry.endsWith(".jar")) {
                    return null;
                }
                try (JarFile jar = new JarFile(p.toFile())) {
                    if (jar.getManifest() != null
                            && jar.getManifest().getMainAttributes().getValue("Class-Path") != null) {
                        return null; // its entries may be folders, which the archive refuses
                    }
                }
                key.append('\n').append(Files.size(p)).append('@').append(Files.getLastModifiedTime(p).toMillis());
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder("worker-");
            for (int i = 0; i < 12; i++) {
                name.append(String.format("%02x", hash[i]));
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "execmodels-cds-" + System.getProperty("user.name"));
            String refused = PrivateFolder.prepare(dir);
            if (refused != null) {
                log.debug("no class data archive for the workers: {} {}", dir, refused);
                return null;
            }
            return dir.resolve(name + ".jsa");
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            log.debug("no class data archive for the workers: {}", e.toString());
            return null;
        }
    }

    /** Moves a freshly written archive into place, and removes the oldest archives beyond {@link #KEEP}. */
    static void install(Path dump, Path archive) {
        try {
            if (Files.isRegularFile(dump) && Files.size(dump) > 0) {
                Files.move(dump, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.debug("class data archive for the workers written: {}", archive);
            } else {
                Files.deleteIfExists(dump);
            }
            List<Path> archives = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent(), "worker-*.jsa")) {
                files.forEach(archives::add);
            }
            if (archives.size() > KEEP) {
                archives.sort(Comparator.comparing(ClassDataArchives::modified).reversed());
                for (Path old : archives.subList(KEEP, archives.size())) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("class data archive not installed: {}", e.toString());
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
