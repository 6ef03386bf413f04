package dev.trueline.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One line of a conversation's JSONL journal (format version 1). The {@code type} property names the record;
 * readers ignore fields they do not know, and {@link JournalCodec} skips records whose type they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConversationRecord.class, name = "conversation"),
        @JsonSubTypes.Type(value = UserRecord.class, name = "user"),
        @JsonSubTypes.Type(value = ChunkRecord.class, name = "chunk"),
        @JsonSubTypes.Type(value = EndRecord.class, name = "end"),
        @JsonSubTypes.Type(value = AbortedRecord.class, name = "aborted"),
        @JsonSubTypes.Type(value = FailedRecord.class, name = "failed"),
        @JsonSubTypes.Type(value = DetachedRecord.class, name = "detached"),
        @JsonSubTypes.Type(value = RepairRecord.class, name = "repair")
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Records are written and read with Jackson by reflection: a native image must keep their accessors.
@RegisterForReflection
public sealed interface JournalRecord
        permits ConversationRecord, TurnRecord, RepairRecord {

    /** The record types this version of Trueline understands, as they appear in {@code type}. */
    Set<String> KNOWN_TYPES = Set.of(
            "conversation", "user", "chunk", "end", "aborted", "failed", "detached", "repair");

    /** Record timestamps are UTC instants to the millisecond. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
