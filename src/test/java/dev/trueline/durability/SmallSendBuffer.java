package dev.trueline.durability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Gives the server's sockets a fixed 16 KiB send buffer. Linux grows send buffers on its own, up to megabytes on
 * loopback, which could swallow a whole flood meant to outrun a client that stopped reading; a fixed size makes the
 * point where writes stall the same on every machine. The stall itself stays real: a TCP window that filled.
 * Enabled only by {@link StreamingFaultsProfile}.
 */
@Alternative
@ApplicationScoped
public class SmallSendBuffer implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(16 * 1024);
    }
}
