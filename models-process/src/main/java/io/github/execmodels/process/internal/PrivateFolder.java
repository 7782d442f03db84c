package io.github.execmodels.process.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A folder under a shared temporary folder that must be this user's alone: the class data archives (which the
 * workers map into their JVMs) and the channels' sockets live in one. On file systems without POSIX permissions
 * only the owner and the symbolic link are checked.
 *
 * <p>Thread safe: stateless.
 */
final class PrivateFolder {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {
    }

    /**
     * Creates {@code dir} owner-only, or checks that it is a folder (not a symbolic link) owned by this user that
     * nobody else may open.
     *
     * @return null if it is fit, else why not
     */
    static String prepare(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: checked below
            }
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a folder (or is a symbolic link)";
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        if (!owner.getName().equals(System.getProperty("user.name"))) {
            return "is owned by " + owner.getName();
        }
        if (posix && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            return "is not owner-only (" + PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)) + ")";
        }
        return null;
    }
}
