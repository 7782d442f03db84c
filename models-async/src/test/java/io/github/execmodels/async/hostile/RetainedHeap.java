package io.github.execmodels.async.hostile;

/** Reads how much heap live objects hold: the used heap after full collections, the least of a few tries. */
final class RetainedHeap {

    private RetainedHeap() {
    }

    static long bytes() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime rt = Runtime.getRuntime();
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }
}
