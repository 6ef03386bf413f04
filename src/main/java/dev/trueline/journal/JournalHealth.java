package dev.trueline.journal;

/**
 * Whether the journal can take new turns now, for readiness and for refusing new turns before anything is written.
 * Each storage backend knows what "can take writes" means for it.
 */
public interface JournalHealth {

    /** The journal's status; may probe the storage, so never call it on an event loop. */
    JournalStatus status();
}
