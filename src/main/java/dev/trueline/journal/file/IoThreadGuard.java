package dev.trueline.journal.file;

import io.vertx.core.Context;

/** Fails loudly when journal file I/O is attempted on a Vert.x event loop, which must never block. */
final class IoThreadGuard {

    private IoThreadGuard() {
    }

    static void check() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("journal file I/O on event-loop thread " + Thread.currentThread().getName());
        }
    }
}
