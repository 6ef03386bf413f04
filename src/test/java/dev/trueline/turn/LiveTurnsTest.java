package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.trueline.problem.ProblemException;

/** The instance's turn slots: the limit, and shutdown refusing new turns and stopping running ones. */
class LiveTurnsTest {

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

            @Override
            public DisconnectPolicy onDisconnect() {
                return DisconnectPolicy.CANCEL;
            }

            @Override
            public Duration reconnectGrace() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration stopWait() {
                return Duration.ofSeconds(10);
            }
        };
    }

    @Test
    void aTurnPastTheLimitIsRefusedUntilASlotIsReleased() {
        LiveTurns running = new LiveTurns(limit(2));
        LiveTurns.Slot first = running.enter();
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
    void shutdownRefusesNewTurns() {
        LiveTurns running = new LiveTurns(limit(10));
        running.stopAll();
        ProblemException refused = assertThrows(ProblemException.class, running::enter);
        assertEquals(503, refused.status());
        assertEquals("shutting_down", refused.code());
        assertFalse(refused.headers().isEmpty());
    }
}
