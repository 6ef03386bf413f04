package dev.trueline.journal;

/** An append for a turn that is not open any more (after its terminal record) or out of sequence. */
public class TurnClosedException extends IllegalStateException {

    public TurnClosedException(String message) {
        super(message);
    }
}
