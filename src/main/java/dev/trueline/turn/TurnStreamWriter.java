package dev.trueline.turn;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a {@link TurnStream} as Server-Sent Events straight to the Vert.x response ({@link SseResponse}), in place
 * of RESTEasy's per-event SSE writer. RESTEasy still decides everything before it: routing, security, every refusal,
 * and the response's headers ({@code @ResponseHeader}, the status), which go out with the first frame.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public class TurnStreamWriter implements ServerMessageBodyWriter<TurnStream> {

    private final SseFrames frames;

    public TurnStreamWriter(SseFrames frames) {
        this.frames = frames;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return TurnStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(TurnStream stream, Type genericType, ServerRequestContext context) {
        new SseResponse(context.serverResponse(), frames, stream).start(stream);
    }

    /**
     * Not for the blocking {@code MessageBodyWriter} path, which RESTEasy takes only when a writer interceptor runs:
     * an open stream cannot be written to an output stream that must be complete when this returns. Refused, so no
     * writer of that kind is chosen for a stream; none is installed.
     */
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return false;
    }

    @Override
    public void writeTo(TurnStream stream, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        throw new UnsupportedOperationException("a turn stream is written by writeResponse only");
    }
}
