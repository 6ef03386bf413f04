package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Written after the journal cut a torn last line off the file, so the repair stays visible in the transcript after
 * the bytes are gone. Readers that do not know this type skip it, as format v1 allows.
 */
@RegisterForReflection // written and read by Jackson
public record RepairRecord(Instant ts, String kind, long offset, long bytes) implements JournalRecord {
}
