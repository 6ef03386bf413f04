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
     * The SSE {@code retry:} field of every turn stream: how long a browser's {@code EventSource} waits before it
     * reconnects (with {@code Last-Event-ID}) after the connection dropped.
     */
    @WithDefault("1s")
    Duration retry();
}
