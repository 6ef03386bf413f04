package dev.trueline.journal;

/**
 * Whether the journal can take new turns: for the file journal, its directory accepts a new file and its file system
 * keeps at least {@code trueline.journal.min-free-bytes} free (the two byte counts; -1 and 0 for a backend with no
 * disk of its own, such as Redis). {@code problem} says why not, for people.
 */
public record JournalStatus(boolean up, String problem, long usableBytes, long minFreeBytes) {
}
