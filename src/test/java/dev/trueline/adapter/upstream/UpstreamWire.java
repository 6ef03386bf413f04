package dev.trueline.adapter.upstream;

import dev.trueline.adapter.upstream.FakeUpstream.Reply;

/**
 * How one provider writes what a {@link FakeUpstream} replays: the events of its answer streams, byte for byte as
 * the provider sends them, and the bodies of its refusals. {@link UpstreamAdapterContract} builds every shared case
 * from these.
 */
public interface UpstreamWire {

    /** What the stream starts with before any text (OpenAI's role chunk, Anthropic's {@code message_start}). */
    String start();

    /** One piece of the answer's text. */
    String text(String text);

    /** The end of an answer the model finished by itself, as the provider writes it. */
    String finish();

    /** The end of an answer cut short by {@code max_tokens}, which Trueline reports as {@code length}. */
    String finishAtMaxTokens();

    /** What the provider sends to keep a connection open while the model writes nothing. */
    String keepAlive();

    /** A stream event whose data is not the JSON the provider promises. */
    String unparsable();

    /** The provider reporting an error of {@code type} in the middle of the stream. */
    String errorEvent(String type, String message);

    /** The part of Trueline's failure message that quotes such an {@link #errorEvent}. */
    String quoteOfErrorEvent(String type, String message);

    /** The JSON body with which the provider refuses a request (401, 429, 529, ...). */
    String errorBody(String type, String message);

    /** The {@code Retry-After} header as the provider spells it. */
    String retryAfterHeader();

    /** A whole answer as one JSON body: what a server that ignored {@code "stream": true} sends. */
    String unstreamedAnswer(String text);

    /**
     * A real answer replayed with all a client must skip or join: the text {@code Hello, wörld 🌍! Ça va?} with
     * multi-byte characters cut between writes, keep-alives and events Trueline does not use in between, a finish
     * that ended by itself with this token usage, and one more piece of text after the end marker, which no client
     * may see.
     */
    Reply wholeAnswer(int inputTokens, int outputTokens);
}
