package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.trueline.problem.ProblemException;

/** The instance's turn slots: the limit, and shutdown refusing new turns and stopping running ones. */
class RunningTurnsTest {

    private static TurnConfig limit(int max) {
        return new TurnConfig() {
            @Override
            public int maxPromptChars() {
                return 100;
            }

            @Override
            public int maxModelChars() {
                return 100;
            }

            @Override
            public int maxConcurrent() {
                return max;
            }
        };
    }

    @Test
    void aTurnPastTheLimitIsRefusedUntilASlotIsReleased() {
        RunningTurns running = new RunningTurns(limit(2));
        RunningTurns.Slot first = running.enter();
        running.enter();
        ProblemException refused = assertThrows(ProblemException.class, running::enter);
        assertEquals(503, refused.status());
        assertEquals("too_many_turns", refused.code());
        assertTrue(refused.headers().containsKey("Retry-After"));
        first.release();
        running.enter();
        assertEquals(2, running.count());
    }

    @Test
    void shutdownStopsRunningTurnsWaitsForThemAndRefusesNewOnes() throws Exception {
        RunningTurns running = new RunningTurns(limit(10));
        RunningTurns.Slot slot = running.enter();
        CompletableFuture<StopRequest> stopRequested = slot.stopRequested();
        // The turn journals its end a little after being asked to; shutdown must wait for it.
        stopRequested.thenRunAsync(slot::stopHandled, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        long start = System.nanoTime();
        running.stopAll();
        assertEquals(StopRequest.SHUTDOWN, stopRequested.getNow(null));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "did not wait for the turn");

        ProblemException refused = assertThrows(ProblemException.class, running::enter);
        assertEquals(503, refused.status());
        assertEquals("shutting_down", refused.code());
        assertFalse(refused.headers().isEmpty());
    }
}
