package io.github.execmodels.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How a worker is told where its classes are, on the class path and on the module path. */
class WorkerLaunchPathTest {

    private static final String MAIN = WorkerMain.class.getName();

    @Test
    void onTheClassPathTheWorkerGetsTheParentsClassPathAndTheLibrary() {
        WorkerLaunchPath launch = WorkerLaunchPath.of(null, null, "app.jar", null);
        assertThat(launch.onModulePath()).isFalse();
        assertThat(launch.arguments()).hasSize(3).startsWith("-cp").endsWith(MAIN);
        assertThat(launch.classPath().split(File.pathSeparator)).startsWith("app.jar").hasSizeGreaterThan(1);
        assertThat(launch.arguments().get(1)).isEqualTo(launch.classPath());
    }

    @Test
    void aConfiguredClassPathWinsOverTheModulePath() {
        WorkerLaunchPath launch = WorkerLaunchPath.of("mine.jar", "mods", "app.jar", "io.github.execmodels.process");
        assertThat(launch.onModulePath()).isFalse();
        assertThat(launch.arguments()).startsWith("-cp").endsWith(MAIN).doesNotContain("--module-path");
        assertThat(launch.classPath()).startsWith("mine.jar").doesNotContain("app.jar");
    }

    @Test
    void onTheModulePathTheWorkerStartsFromTheModuleWithEveryModuleResolved() {
        String modulePath = "mods" + File.pathSeparator + "lib/consumer.jar";
        WorkerLaunchPath launch = WorkerLaunchPath.of(null, modulePath, "extra.jar", "io.github.execmodels.process");
        assertThat(launch.onModulePath()).isTrue();
        assertThat(launch.arguments()).containsSubsequence("--module-path", "-cp", "extra.jar", "--add-modules",
                "ALL-MODULE-PATH", "-m", "io.github.execmodels.process/" + MAIN);
        String[] modules = launch.arguments().get(1).split(File.pathSeparator);
        assertThat(modules).startsWith(Path.of("mods").toAbsolutePath().toString(),
                Path.of("lib/consumer.jar").toAbsolutePath().toString());
    }

    @Test
    void anEmptyClassPathBesideTheModulePathIsLeftOut() {
        WorkerLaunchPath launch = WorkerLaunchPath.of(null, "mods", "", "io.github.execmodels.process");
        assertThat(launch.arguments()).doesNotContain("-cp").contains("--module-path");
    }

    @Test
    void aParentThatRunsThisModuleFromTheClassPathLaunchesOnTheClassPath() {
        WorkerLaunchPath launch = WorkerLaunchPath.of(null, "mods", "app.jar", null);
        assertThat(launch.onModulePath()).isFalse();
        assertThat(launch.arguments()).startsWith("-cp");
    }
}
