package io.github.execmodels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultArrayTest {

    private static final int SEGMENT = ResultArray.SEGMENT;

    @Test
    void keepsLargeResultsInSegmentsThatReadAsOneList() {
        ResultArray results = new ResultArray(2 * SEGMENT + 10);
        for (int i = 0; i < results.size(); i++) {
            results.put(i, i);
        }
        assertThat(results.segmentOf(0)).hasSize(SEGMENT);
        assertThat(results.segmentOf(2 * SEGMENT)).hasSize(10);
        assertThat(results.segmentOf(SEGMENT + 5)[ResultArray.indexInSegment(SEGMENT + 5)]).isEqualTo(SEGMENT + 5);
        assertThat(results.get(2 * SEGMENT + 9)).isEqualTo(2 * SEGMENT + 9);
        assertThatThrownBy(() -> results.get(2 * SEGMENT + 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aRunOfElementsIsCutAtTheEndOfItsSegment() {
        ResultArray results = new ResultArray(3 * SEGMENT);
        assertThat(results.fitting(0, 100)).isEqualTo(100);
        assertThat(results.fitting(SEGMENT - 10, 100)).isEqualTo(10);
        assertThat(results.fitting(SEGMENT, 3 * SEGMENT)).isEqualTo(SEGMENT);
    }

    @Test
    void anEmptyMapHasNoSegment() {
        assertThat(new ResultArray(0)).isEmpty();
    }
}
