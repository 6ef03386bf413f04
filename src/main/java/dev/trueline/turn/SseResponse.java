package dev.trueline.turn;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;

/**
 * One follower's events written to its HTTP response as SSE frames ({@link SseFrames}), each as soon as it comes.
 * Up to {@link #WINDOW} writes may be on their way to the socket at once: the response asks its follower for that
 * many events, and for one more each time a write completed (its bytes reached the socket). A client that stops
 * reading stops its follower once that many writes wait (whose own buffer then decides, {@code TailBuffer}). An event
 * counts as handed to the HTTP layer when it is given to this response, which writes it at once (I6: an upper bound
 * on what the client rendered, ahead of what reached the socket by at most {@link #WINDOW} events).
 * <p>
 * This replaces RESTEasy's SSE writer, which has one write on its way at a time, so that each event waits for a round
 * trip through the event loop before the next is asked for, and which looks up a body writer and builds the frame
 * anew for each event (the S1 profile of issue 10).
 * <p>
 * The client closing the connection cancels the follower. A follower that fails after the stream began (it recovers
 * every failure it knows into a final {@code error} event, so this is a bug) resets the connection: the client sees
 * a broken stream, not a finished one, and resumes it with its {@code Last-Event-ID}.
 */
final class SseResponse implements Flow.Subscriber<TurnEvent> {

    /**
     * Writes on their way at once: enough that an event need not wait for the previous write's round trip, few
     * enough that a stalled client holds only a few events in the response (each connection's queue would take
     * 64 KiB before Netty calls it full, and 500 slow readers would promote that much garbage into the old
     * generation: the first version of this class, which measured a third more heap at S1).
     */
    static final int WINDOW = 8;

    private static final Logger LOG = Logger.getLogger(SseResponse.class);

    private final ServerHttpResponse response;
    private final SseFrames frames;
    private final TurnMetrics.Stream metrics;
    private final Consumer<Throwable> written = this::written;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    /** The retry field, until the first frame carried it; then -1. Touched only by onNext, one at a time. */
    private long retryMillis;

    SseResponse(ServerHttpResponse response, SseFrames frames, TurnStream stream) {
        this.response = response;
        this.frames = frames;
        this.metrics = stream.metrics();
        this.retryMillis = stream.retryMillis();
    }

    /** Starts the stream: the follower is subscribed, and each of its events goes out as it comes. */
    void start(TurnStream stream) {
        response.setChunked(true);
        // The headers go on as the response commits, in place of RESTEasy's own, which would name a charset the
        // wire protocol does not (an event stream is UTF-8 by definition) and know nothing of buffering.
        response.setPreCommitListener(committing -> {
            response.setStatusCode(200);
            response.setResponseHeader("Content-Type", "text/event-stream");
            response.setResponseHeader("Cache-Control", "no-cache");
            response.setResponseHeader("X-Accel-Buffering", "no"); // a proxy such as nginx passes each event on
        });
        // the response's one close handler (RESTEasy's own SSE writer would set it; here nothing else does)
        response.addCloseHandler(this::clientLeft);
        metrics.open();
        stream.events().subscribe().withSubscriber(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (over.get()) {
            subscription.cancel(); // the client left while the follower was being subscribed
            return;
        }
        if (response.closed()) {
            clientLeft();
            return;
        }
        subscription.request(WINDOW);
    }

    @Override
    public void onNext(TurnEvent event) {
        if (over.get()) {
            return; // already on its way when the client left
        }
        if (event instanceof TurnEvent.Chunk) {
            metrics.delivered();
        }
        response.write(frames.of(event, retryMillis), written);
        retryMillis = -1;
    }

    @Override
    public void onComplete() {
        if (over.compareAndSet(false, true)) {
            metrics.close();
            response.end();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (over.compareAndSet(false, true)) {
            metrics.close();
            LOG.error("a turn stream failed after it began; the connection is reset", failure);
            response.reset();
        }
    }

    private void written(Throwable failure) {
        if (failure != null) {
            clientLeft(); // the connection broke under the write: nobody reads the rest
        } else if (!over.get()) {
            subscription.request(1); // a place in the window is free
        }
    }

    private void clientLeft() {
        if (over.compareAndSet(false, true)) {
            metrics.close();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
