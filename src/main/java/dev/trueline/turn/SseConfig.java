package dev.trueline.turn;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How turns stream to clients: {@code trueline.sse.*}. */
@ConfigMapping(prefix = "trueline.sse")
public interface SseConfig {

    /**
     * While a turn sends nothing (a model thinking) for this long, an SSE comment {@code : ping} goes out, so
     * proxies keep the connection and a client that vanished without closing it is noticed by the failed write.
     */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * Journaled chunks of one turn that may wait for a slow client. The model is never slowed down by a reader; a
     * client that falls further behind is dropped, the turn is recorded {@code aborted}/{@code slow_client} and the
     * journal keeps every chunk written so far. Chunks whose append is still running count too, so a journal that
     * stalls for longer than the model needs to produce this many chunks also drops the turn's client.
     */
    @WithDefault("1024")
    int maxBufferedChunks();
}
