package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.process.internal.ClassDataArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The folder of the class data archives, which workers map into their JVMs, must be this user's alone. */
@Timeout(10)
class ClassDataFolderTest {

    @TempDir
    Path tmp;
    private String savedTmpdir;
    private String jar;

    @BeforeEach
    void pointTmpdirHere() throws Exception {
        savedTmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        jar = Path.of(Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @AfterEach
    void restoreTmpdir() {
        System.setProperty("java.io.tmpdir", savedTmpdir);
    }

    private Path folder() {
        return tmp.resolve("execmodels-cds-" + System.getProperty("user.name"));
    }

    @Test
    void aNewFolderIsOwnerOnly() throws IOException {
        assertThat(ClassDataArchives.archiveFor(List.of("java"), jar)).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder()))).isEqualTo("rwx------");
    }

    @Test
    void aSymbolicLinkTurnsClassDataSharingOff() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(folder(), elsewhere);
        assertThat(ClassDataArchives.archiveFor(List.of("java"), jar)).isNull();
    }

    @Test
    void aFolderOthersMayWriteToTurnsClassDataSharingOff() throws IOException {
        Files.createDirectory(folder());
        Files.setPosixFilePermissions(folder(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(ClassDataArchives.archiveFor(List.of("java"), jar)).isNull();
    }
}
