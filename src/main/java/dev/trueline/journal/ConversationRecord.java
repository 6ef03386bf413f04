package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The header line of every journal file. {@code v} is the journal format version. */
@RegisterForReflection // written and read by Jackson
public record ConversationRecord(int v, String id, Instant created) implements JournalRecord {

    /** The journal format this code writes. */
    public static final int FORMAT_VERSION = 1;

    public static ConversationRecord header(ConversationId id, Instant created) {
        return new ConversationRecord(FORMAT_VERSION, id.value(), created);
    }
}
