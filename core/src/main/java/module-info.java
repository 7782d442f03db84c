/**
 * The execmodels API: {@link io.github.execmodels.ExecutionModel}, the {@link io.github.execmodels.Models} facade
 * and the sequential model, plus the SPI ({@code io.github.execmodels.spi}) for model authors. The models themselves
 * live in other modules, found through {@link io.github.execmodels.spi.ExecutionModelProvider} services.
 *
 * @uses io.github.execmodels.spi.ExecutionModelProvider
 * @since 0.1
 */
// "module" warnings: core is compiled before the modules its qualified export names, so javac cannot find them yet
@SuppressWarnings("module")
module io.github.execmodels {
    requires org.slf4j;

    exports io.github.execmodels;
    exports io.github.execmodels.spi;
    // the helpers the models share (argument checks, chunked maps); not an API
    exports io.github.execmodels.internal to
            io.github.execmodels.threads,
            io.github.execmodels.process,
            io.github.execmodels.async,
            io.github.execmodels.hazelcast;

    uses io.github.execmodels.spi.ExecutionModelProvider;
}
