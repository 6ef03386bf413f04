package dev.trueline.journal;

/** A chunk whose {@code seq} does not follow the last one written for its turn (I2: seq runs 1..n). */
public class ChunkOutOfSequenceException extends IllegalStateException {

    public ChunkOutOfSequenceException(String message) {
        super(message);
    }
}
