package dev.trueline.journal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One piece of the assistant's answer; {@code seq} runs 1..n within a turn (I2). */
@RegisterForReflection // written and read by Jackson
public record ChunkRecord(int turn, int seq, String text) implements TurnRecord {

    @Override
    public int position() {
        return seq;
    }
}
