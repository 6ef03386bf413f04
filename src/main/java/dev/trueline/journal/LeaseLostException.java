package dev.trueline.journal;

/**
 * An append through a lease that is no longer the conversation's current one: it expired (its holder paused longer
 * than the lease time, or lost the network) and someone else may hold the conversation now. The record was not
 * written. Only a journal shared by several processes can lose a lease this way.
 */
public class LeaseLostException extends IllegalStateException {

    public LeaseLostException(String message) {
        super(message);
    }
}
