package dev.trueline.bench;

/**
 * Checks one response's events against its server's protocol as they arrive: every chunk counted, ids (or
 * {@code seq}) in order with no gap or repeat, the stream properly ended. The first violation is kept.
 */
interface StreamCheck {

    /** Takes one event; true if it is a chunk (so the caller times it). */
    boolean accept(String id, String event, String data);

    /** The response body ended normally (its last HTTP chunk came): the stream must be complete by now. */
    void bodyEnded();

    /** The stream ended as its protocol says a complete answer ends. */
    boolean complete();

    /** The stream ended with an {@code error} event (Trueline only). */
    boolean failed();

    /** The first protocol violation seen, or null. */
    String problem();

    /** Chunks accepted. */
    int chunks();

    /** Characters of chunk text accepted. */
    long textChars();

    /** The {@code seq} of the last chunk accepted (0 before the first, for Trueline). */
    int lastSeq();
}
