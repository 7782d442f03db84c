/**
 * The consumer as a named module: it needs only the API; the models on the module path are bound as services of
 * core's {@code uses} clause, without being named here.
 */
module com.example.consumer {
    requires io.github.execmodels;
}
