package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A follower left a running turn: its connection closed after {@code delivered} (the seq of the last chunk handed
 * to it), having come in after {@code from} (the seq its {@code Last-Event-ID} named, the client's own proof of what
 * it had seen; 0 for a follower that started at the beginning). Not terminal: the turn goes on. Readers of format v1
 * that do not know this type skip it.
 */
@RegisterForReflection // written and read by Jackson
public record DetachedRecord(int turn, Instant ts, int delivered, int from) implements TurnRecord {

    @Override
    public int position() {
        return -1; // not part of the stream a follower replays
    }
}
