package dev.trueline.adapter;

import io.smallrye.mutiny.Multi;

/**
 * Where an answer comes from. {@link #stream} returns a cold {@link Multi}: nothing is requested from the model
 * until it is subscribed, and cancelling the subscription must stop the model (release timers, close the upstream
 * connection) so that no tokens are produced for nobody (I5).
 * <p>
 * The stream emits {@link AdapterEvent.Text} deltas, then at most one {@link AdapterEvent.Finish}, then completes.
 * A failure is an {@link AdapterException} with a stable code.
 */
public interface ChatAdapter {

    /** The adapter's kind as configured ({@code scripted}, {@code openai}, ...), shown in the {@code turn} event. */
    String kind();

    /** The model used when a request names none. */
    String defaultModel();

    Multi<AdapterEvent> stream(ChatRequest request);
}
