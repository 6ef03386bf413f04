package dev.trueline.journal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The header line of every journal file. {@code v} is the journal format version; {@code owner} the principal the
 * conversation belongs to, absent in a journal written before conversations had owners (still format 1: a reader
 * that does not know the field ignores it).
 */
@RegisterForReflection // written and read by Jackson
@JsonInclude(JsonInclude.Include.NON_NULL) // a header without an owner is written as format 1 always was
public record ConversationRecord(int v, String id, Instant created, String owner) implements JournalRecord {

    /** The journal format this code writes. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Who owns a conversation whose header names nobody: the one principal of {@code trueline.auth.mode=none}, so a
     * journal written before owners existed stays visible in that mode and in no other.
     */
    public static final String UNNAMED_OWNER = "local";

    /** The header of a conversation {@code owner} starts. */
    public static ConversationRecord header(ConversationId id, Instant created, String owner) {
        return new ConversationRecord(FORMAT_VERSION, id.value(), created, owner);
    }

    /** The principal this conversation belongs to: its {@code owner}, or {@link #UNNAMED_OWNER}. */
    @JsonIgnore
    public String ownedBy() {
        return owner == null ? UNNAMED_OWNER : owner;
    }
}
