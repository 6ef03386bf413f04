package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.JournalMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class FsyncTest {

    @Test
    void anFsyncIsTimedEvenWhenItFails() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JournalMetrics metrics = new JournalMetrics(registry);
        Fsync ok = channel -> {
        };
        Fsync failing = channel -> {
            throw new IOException("disk gone");
        };

        ok.timedIn(metrics).force(null);
        assertThrows(IOException.class, () -> failing.timedIn(metrics).force(null));

        assertEquals(2, registry.get(JournalMetrics.FSYNC).timer().count());
    }
}
