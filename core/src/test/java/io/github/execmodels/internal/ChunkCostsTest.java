package io.github.execmodels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Fn;
import org.junit.jupiter.api.Test;

class ChunkCostsTest {

    @Test
    void remembersTheLastMeasurementOfEachFunctionClass() {
        ChunkCosts costs = new ChunkCosts();
        Fn<Integer, Integer> twice = x -> 2 * x;
        Fn<Integer, Integer> other = x -> x + 1;
        assertThat(costs.nanosPerElement(twice)).isZero();
        costs.remember(twice, 120.0);
        costs.remember(twice, 80.0);
        assertThat(costs.nanosPerElement(twice)).isEqualTo(80.0);
        assertThat(costs.nanosPerElement(other)).isZero();
    }

    @Test
    void aMapThatMeasuredNothingLeavesTheLastMeasurement() {
        ChunkCosts costs = new ChunkCosts();
        Fn<Integer, Integer> twice = x -> 2 * x;
        costs.remember(twice, 50.0);
        costs.remember(twice, 0.0);
        costs.remember(twice, Double.NaN);
        assertThat(costs.nanosPerElement(twice)).isEqualTo(50.0);
    }
}
