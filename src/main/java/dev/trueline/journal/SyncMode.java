package dev.trueline.journal;

/**
 * When journal records are forced to the storage device ({@code trueline.journal.sync}). Every mode writes a record
 * to the operating system before the chunk is delivered (I1); they differ in what survives a power loss.
 */
public enum SyncMode {

    /**
     * Written to the OS page cache before delivery, never forced by Trueline. Survives a crash of the process
     * (kill -9); a power loss or kernel crash may lose whatever the OS had not written back yet.
     */
    NONE,

    /**
     * Like {@link #NONE}, plus a background fsync of every file written to within the last
     * {@code trueline.journal.sync-interval}. A power loss loses at most about one interval of records, possibly
     * including chunks a client already received.
     */
    INTERVAL,

    /**
     * A record's append completes only after an fsync that covers it returned, so a chunk is delivered only once it
     * is on the device. Group commit: appends to one file that arrive while an fsync runs share the next fsync.
     */
    ALWAYS
}
