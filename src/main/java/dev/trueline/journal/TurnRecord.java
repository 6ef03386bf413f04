package dev.trueline.journal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record that belongs to one turn: its prompt, its chunks, a follower's departure, its terminal record. Within a
 * turn each has a {@linkplain #position() position}: the prompt 0, chunk {@code seq} its seq, the terminal record
 * after every chunk, so that a follower that saw position {@code p} goes on from exactly the next record.
 */
@RegisterForReflection // written and read by Jackson
public sealed interface TurnRecord extends JournalRecord permits UserRecord, ChunkRecord, DetachedRecord, TerminalRecord {

    /** The position of every terminal record: after any chunk. */
    int TERMINAL_POSITION = Integer.MAX_VALUE;

    int turn();

    /** Where the record stands in its turn's stream; records that are not part of the stream answer -1. */
    int position();
}
