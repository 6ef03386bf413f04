package dev.trueline.journal;

/**
 * An append for a turn that is not open: a chunk or departure of a turn whose terminal record is written (I3), or of
 * a turn that never opened, or a second terminal record.
 */
public class TurnClosedException extends IllegalStateException {

    public TurnClosedException(String message) {
        super(message);
    }
}
