package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code bench/run.sh SCENARIO --journal redis}: the backend is parsed, named in the table, and its pids measured. */
class BenchOptionsTest {

    @Test
    void theJournalIsFileByDefaultAndRedisWhenAsked() {
        assertEquals("file", BenchOptions.parse("s1").journal());
        BenchOptions redis = BenchOptions.parse("s1", "--journal", "redis", "--sync", "always");
        assertEquals("redis", redis.journal());
        assertEquals("always", redis.scenario().sync());
        assertEquals("trueline-redis", new TruelineServer(redis.journal(), List.of()).name());
        assertEquals("trueline", new TruelineServer("file", List.of()).name());
    }

    @Test
    void anUnknownBackendIsRefusedBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("s1", "--journal", "postgres"));
        assertEquals("--journal must be one of [file, redis, noop]", e.getMessage());
    }

    @Test
    void theLoadGeneratorMeasuresEveryServerPidItIsGiven() {
        assertEquals(List.of(12L, 34L), LoadOptions.parse("--measure", "1", "--server-pid", "12,34").serverPids());
        assertEquals(List.of(12L), LoadOptions.parse("--measure", "1", "--server-pid", "12").serverPids());
        assertEquals(List.of(), LoadOptions.parse("--measure", "1").serverPids());
    }
}
