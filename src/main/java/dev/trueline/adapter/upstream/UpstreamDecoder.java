package dev.trueline.adapter.upstream;

import java.util.List;

import org.jboss.resteasy.reactive.client.SseEvent;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;

/**
 * Reads one answer's event stream, in one provider's format, into {@link AdapterEvent}s. One decoder per stream: it
 * remembers what the provider reports once (the finish reason, the token usage) until the answer finishes.
 * {@link UpstreamAdapter} hands it only events that carry data (the others are keep-alives), and none after the
 * {@link AdapterEvent.Finish} it returned.
 */
public interface UpstreamDecoder {

    /** The adapter events in one upstream event, often none; a {@link AdapterEvent.Finish} ends the answer. */
    List<AdapterEvent> decode(SseEvent<String> event);

    /**
     * The upstream closed the stream before a finish: the finish when what came is a finished answer anyway (some
     * servers close without their end marker), else an {@code upstream_unavailable} failure ({@link #unfinished}).
     */
    List<AdapterEvent> end();

    /** The stream closed in the middle of the answer; {@code missing} names the end marker that never came. */
    static AdapterException unfinished(String missing) {
        return new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE,
                "The upstream closed the stream before the answer was finished (" + missing + "). Try again.");
    }

    /** The upstream reported an error in the middle of the stream; {@code type} is its kind, if it says one. */
    static AdapterException modelError(String type, String message) {
        return new AdapterException(AdapterException.UPSTREAM_ERROR, "The model stopped with an error"
                + (type == null ? "" : " (" + type + ")") + ": " + UpstreamQuote.of(message, UpstreamQuote.EVENT));
    }
}
