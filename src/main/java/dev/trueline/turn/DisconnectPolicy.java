package dev.trueline.turn;

/** What happens to a turn's generation when every follower is gone ({@code trueline.turn.on-disconnect}). */
public enum DisconnectPolicy {

    /**
     * After {@code trueline.turn.reconnect-grace} with no follower, the model is cancelled upstream (I5) and the turn
     * ends {@code aborted}/{@code client_disconnect}. A follower that comes back within the grace keeps it going.
     */
    CANCEL,

    /** The model runs to its end and every chunk is journaled: whoever comes back later finds the whole answer. */
    CONTINUE
}
