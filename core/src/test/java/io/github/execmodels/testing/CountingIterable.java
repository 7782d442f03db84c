package io.github.execmodels.testing;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/** An endless iterable of 0, 1, 2, ... that counts how many elements were read from it. */
public final class CountingIterable implements Iterable<Integer> {

    private final AtomicLong reads = new AtomicLong();

    public long reads() {
        return reads.get();
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return (int) reads.getAndIncrement();
            }
        };
    }
}
