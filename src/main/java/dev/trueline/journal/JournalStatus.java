package dev.trueline.journal;

/**
 * Whether the journal can take new turns: its directory accepts a new file and its file system keeps at least
 * {@code trueline.journal.min-free-bytes} free. {@code problem} says why not, for people.
 */
public record JournalStatus(boolean up, String problem, long usableBytes, long minFreeBytes) {
}
