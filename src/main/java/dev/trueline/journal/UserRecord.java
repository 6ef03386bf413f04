package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A person's prompt; opens turn {@code turn}. {@code adapter} and {@code model} say what answered it (extra
 * fields allowed by format v1).
 */
@RegisterForReflection // written and read by Jackson
public record UserRecord(int turn, Instant ts, String text, String adapter, String model) implements TurnRecord {

    @Override
    public int position() {
        return 0;
    }
}
