package dev.trueline.adapter.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterException;

/**
 * Turns whatever an upstream call failed with into an {@link AdapterException} with a stable code and a message
 * that says what to fix. Every message passes through {@link UpstreamTarget#redact}: upstreams echo what they were
 * sent, and the key must never reach a log, the journal or a client.
 */
public final class UpstreamFailures {

    private final UpstreamTarget target;
    private final ObjectMapper mapper;

    public UpstreamFailures(UpstreamTarget target, ObjectMapper mapper) {
        this.target = target;
        this.mapper = mapper;
    }

    public AdapterException map(Throwable failure) {
        AdapterException mapped = classify(failure);
        return new AdapterException(mapped.code(), target.redact(mapped.getMessage()),
                mapped.retryAfter().orElse(null), failure instanceof AdapterException ? failure.getCause() : failure);
    }

    private AdapterException classify(Throwable failure) {
        if (failure instanceof AdapterException known) {
            return known;
        }
        WebApplicationException refused = find(failure, WebApplicationException.class);
        if (refused != null && refused.getResponse() != null) {
            return fromStatus(refused.getResponse());
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null
                || named(failure, "ConnectTimeoutException")) {
            return new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE, "Cannot connect to the " + target
                    + " (" + rootMessage(failure) + "). Is it running? Check " + target.baseUrlVariable() + ".");
        }
        if (find(failure, TimeoutException.class) != null || named(failure, "TimeoutException")) {
            return new AdapterException(AdapterException.UPSTREAM_TIMEOUT, "The " + target
                    + " stopped answering (" + rootMessage(failure) + "). Try again, or raise "
                    + "TRUELINE_ADAPTER_FIRST_TOKEN_TIMEOUT / TRUELINE_ADAPTER_IDLE_TIMEOUT.");
        }
        if (find(failure, JacksonException.class) != null) {
            // e.g. a 200 answer that is plain JSON: the server ignored "stream": true or is not this kind of API
            return new AdapterException(AdapterException.UPSTREAM_PROTOCOL, "The " + target
                    + " did not answer with an event stream (" + rootMessage(failure) + "). Is "
                    + target.baseUrlVariable() + " the root of the right kind of API?");
        }
        if (find(failure, IOException.class) != null || named(failure, "HttpClosedException")
                || named(failure, "VertxException")) {
            return new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE, "The connection to the " + target
                    + " broke in the middle of the answer (" + rootMessage(failure) + "). Try again.");
        }
        return new AdapterException(AdapterException.UPSTREAM_PROTOCOL, "The answer of the " + target
                + " could not be read (" + rootMessage(failure) + "). Is " + target.baseUrlVariable()
                + " the root of the right kind of API?");
    }

    private AdapterException fromStatus(Response response) {
        int status = response.getStatus();
        String detail = upstreamMessage(response);
        String said = "HTTP " + status + (detail == null ? "" : ": " + detail);
        if (status == 401 || status == 403) {
            // the upstream's own text is left out on purpose: refusals often quote part of the key
            String fix = target.apiKey().isPresent()
                    ? "the key was refused; set " + target.apiKeyVariable() + " to a valid key with access to the model"
                    : "no API key is configured; set " + target.apiKeyVariable();
            return new AdapterException(AdapterException.UPSTREAM_UNAUTHORIZED, "The " + target + " answered HTTP "
                    + status + ": " + fix + ".");
        }
        if (status == 429) {
            String retryAfter = response.getHeaderString("Retry-After");
            String when = retryAfter == null || retryAfter.isBlank() ? "Wait a little and try again"
                    : "Try again after " + retryAfter.strip() + (retryAfter.strip().matches("\\d+") ? " s" : "")
                            + " (Retry-After: " + retryAfter.strip() + ")";
            return new AdapterException(AdapterException.UPSTREAM_RATE_LIMITED, "The " + target
                    + " is rate-limiting requests (" + said + "). " + when + ", or raise the account's limits.",
                    retryAfter == null ? null : retryAfter.strip(), null);
        }
        if (status >= 500) {
            return new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE, "The " + target + " failed ("
                    + said + "). Try again later.");
        }
        return new AdapterException(AdapterException.UPSTREAM_ERROR, "The " + target + " refused the request ("
                + said + "). Check the model name (" + target.modelVariable() + " or the turn's \"model\") and "
                + target.baseUrlVariable() + ".");
    }

    /** The upstream's own explanation: {@code error.message} in OpenAI's and Anthropic's bodies, else the text. */
    private String upstreamMessage(Response response) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
        if (body == null || body.isBlank()) {
            return null;
        }
        String message = body.strip();
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            } else if (error.isTextual()) {
                message = error.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw text
        }
        return UpstreamQuote.of(message, UpstreamQuote.DETAIL);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return causes(failure).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    private static boolean named(Throwable failure, String simpleName) {
        return causes(failure).anyMatch(t -> t.getClass().getSimpleName().endsWith(simpleName));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = causes(failure).reduce((outer, inner) -> inner).orElseThrow();
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + UpstreamQuote.of(message, UpstreamQuote.DETAIL));
    }

    /** The failure, then its cause, its cause's cause, and so on (a cause that is itself ends the chain). */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }
}
