package dev.trueline.journal;

/**
 * A follower in this process of a turn that another process writes, as that writer sees it
 * ({@link Journal#present}): while it is present the writer counts it as a follower of the turn, and how far it got
 * reaches the turn's terminal record ({@link Journal#followersElsewhere}). Thread-safe; cheap to call for every chunk.
 */
public interface FollowerPresence {

    /** The presence of a journal written by one process alone: there is no writer elsewhere to tell. */
    FollowerPresence NONE = new FollowerPresence() {
        @Override
        public void delivered(int seq) {
        }

        @Override
        public void leave() {
        }
    };

    /** The follower was handed chunk {@code seq}. */
    void delivered(int seq);

    /** The follower is gone: it stops counting, and what it was handed last is kept for the turn's accounting. */
    void leave();
}
