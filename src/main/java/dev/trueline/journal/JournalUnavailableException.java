package dev.trueline.journal;

/** The journal could not write or read a conversation (disk full, permissions, I/O error). */
public class JournalUnavailableException extends RuntimeException {

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
