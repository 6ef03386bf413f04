package dev.trueline.turn;

/**
 * A resume that names the turn's terminal event: the client has the whole turn. Answered 204 No Content, which by
 * the HTML standard tells an {@code EventSource} to stop reconnecting (rather than replaying the end forever).
 */
final class NoContentException extends RuntimeException {

    NoContentException() {
        super(null, null, false, false);
    }
}
