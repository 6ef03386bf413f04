package dev.trueline.durability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.trueline.journal.file.Fsync;

/**
 * The real fsync, which a test can hold: after {@link #holdNext()} the next fsync of any journal file waits until
 * {@link #release()}, and then really forces the file. With {@code sync=always} a held fsync holds every append it
 * would cover, which is how a test sees what the service does with a chunk that is written but not yet durable.
 * Enabled only by {@link WriteAheadProfile}.
 */
@Alternative
@ApplicationScoped
public class HoldableFsync implements Fsync {

    private volatile CountDownLatch gate;
    private volatile CountDownLatch holding = new CountDownLatch(1);

    /** The next fsync waits for {@link #release()}. */
    public void holdNext() {
        holding = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Waits until an fsync is being held; false if none started within the time. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        CountDownLatch open = gate;
        gate = null;
        if (open != null) {
            open.countDown();
        }
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        CountDownLatch closed = gate;
        if (closed != null) {
            holding.countDown();
            try {
                if (!closed.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("held fsync never released (test bug)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
        }
        FORCE.force(channel);
    }
}
