package io.github.execmodels.process.internal;

import io.github.execmodels.spi.Chunk;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a worker JVM finds its classes, and how it starts {@link WorkerMain}: the arguments that follow the JVM
 * options on the worker's command line.
 *
 * <p>On the class path (the parent's {@code java.class.path}, or the pool's {@code classPath(...)}), as
 * {@code -cp <path> ...WorkerMain}. When this module is a named module of the parent (it runs on the module path) and
 * no class path was configured, the worker gets the parent's module path and class path and starts
 * {@code WorkerMain} from its module, with {@code --add-modules ALL-MODULE-PATH} so that the modules of the caller's
 * functions resolve although nothing in the worker requires them. Either way the locations of this library's own
 * classes are added when the path lacks them.
 *
 * @param arguments the arguments, ending with the main class
 * @param classPath the worker's class path, possibly empty
 * @param onModulePath whether the worker starts from the module path (its class data cannot be archived then)
 */
public record WorkerLaunchPath(List<String> arguments, String classPath, boolean onModulePath) {

    /**
     * Returns how to launch a worker of this JVM.
     *
     * @param configuredClassPath the pool's {@code classPath(...)}, or {@code null} for the parent's own paths
     */
    public static WorkerLaunchPath of(String configuredClassPath) {
        return of(configuredClassPath, System.getProperty("jdk.module.path"),
                System.getProperty("java.class.path", ""), WorkerMain.class.getModule().getName());
    }

    /**
     * Returns how to launch a worker, given the parent's paths.
     *
     * @param configuredClassPath the pool's {@code classPath(...)}, or {@code null}
     * @param modulePath the parent's {@code jdk.module.path}, or {@code null}
     * @param classPath the parent's {@code java.class.path}
     * @param module the name of this module in the parent, or {@code null} when it is on the class path
     */
    static WorkerLaunchPath of(String configuredClassPath, String modulePath, String classPath, String module) {
        if (configuredClassPath != null || module == null || modulePath == null || modulePath.isEmpty()) {
            String path = withLibrary(configuredClassPath != null ? configuredClassPath : classPath, false);
            return new WorkerLaunchPath(List.of("-cp", path, WorkerMain.class.getName()), path, false);
        }
        List<String> arguments = new ArrayList<>(List.of("--module-path", withLibrary(modulePath, true)));
        String path = String.join(File.pathSeparator, entries(classPath, false));
        if (!path.isEmpty()) {
            arguments.addAll(List.of("-cp", path));
        }
        arguments.addAll(List.of("--add-modules", "ALL-MODULE-PATH", "-m", module + "/" + WorkerMain.class.getName()));
        return new WorkerLaunchPath(List.copyOf(arguments), path, true);
    }

    /** The given path, plus the locations of this library's classes when it lacks them. */
    private static String withLibrary(String path, boolean absolute) {
        Set<String> entries = entries(path, absolute);
        for (Class<?> c : List.of(WorkerMain.class, Chunk.class)) {
            try {
                var source = c.getProtectionDomain().getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (URISyntaxException | RuntimeException e) {
                // the path given must then hold them
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The path's entries; absolute for a module path, whose entries are folders of modules as often as modules, so
     * that a worker started in another directory finds them.
     */
    private static Set<String> entries(String path, boolean absolute) {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : path.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(absolute ? Path.of(e).toAbsolutePath().toString() : e);
            }
        }
        return entries;
    }
}
