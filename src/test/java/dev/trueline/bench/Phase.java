package dev.trueline.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clock of one load run, shared by its event loops: a warm-up whose events are not recorded, then the measured
 * window, after which no turn starts and the turns still running are drained (checked, not timed). A turn budget,
 * when set, ends the window once that many turns have started and all of them ended.
 */
final class Phase {

    private final long start = System.nanoTime();
    private final long windowStart;
    private final long windowEnd;
    private final int maxTurns;
    private final AtomicInteger started = new AtomicInteger();

    /**
     * @param warmupSeconds seconds of load before the window opens
     * @param measureSeconds length of the window; 0 for "until the turn budget is spent"
     * @param maxTurns turns to start in all, 0 for no budget
     */
    Phase(double warmupSeconds, double measureSeconds, int maxTurns) {
        this.windowStart = start + (long) (warmupSeconds * 1e9);
        this.windowEnd = measureSeconds > 0 ? windowStart + (long) (measureSeconds * 1e9) : Long.MAX_VALUE;
        this.maxTurns = maxTurns;
    }

    /** Takes a turn from the budget if a turn may start now. */
    boolean mayStartTurn() {
        if (System.nanoTime() >= windowEnd) {
            return false;
        }
        return maxTurns <= 0 || started.incrementAndGet() <= maxTurns;
    }

    /** Whether something happening at {@code nanos} falls in the measured window. */
    boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }

    long windowStartNanos() {
        return windowStart;
    }

    long windowEndNanos() {
        return windowEnd;
    }

    boolean bounded() {
        return windowEnd != Long.MAX_VALUE;
    }
}
