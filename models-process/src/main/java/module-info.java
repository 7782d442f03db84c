/**
 * The process model: a pool of worker JVMs, as {@link io.github.execmodels.process.ProcessPoolModel};
 * {@code Models.processes(n)} finds it as a service. When this module is on the module path, the workers start
 * from it too, with every module of the parent's module path resolved, so that they can load the caller's classes.
 *
 * @provides io.github.execmodels.spi.ExecutionModelProvider for the kind {@code processes}
 * @since 0.1
 */
module io.github.execmodels.process {
    requires transitive io.github.execmodels;
    requires org.slf4j;

    exports io.github.execmodels.process;

    provides io.github.execmodels.spi.ExecutionModelProvider
            with io.github.execmodels.process.internal.ProcessesProvider;
}
