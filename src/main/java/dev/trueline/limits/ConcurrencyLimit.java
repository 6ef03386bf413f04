package dev.trueline.limits;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} things running at once per key (turns per principal). {@link #acquire} hands out a
 * {@link Permit} that must be closed exactly once when the thing ends, however it ends; a second close is ignored, so
 * a turn's several ending paths cannot release two slots. Keys with nothing running are forgotten.
 * <p>
 * {@link PrincipalLimits} holds one permit per running turn ({@code trueline.limits.turns-per-user}).
 */
public final class ConcurrencyLimit<K> {

    /** One running thing; close it when it ends. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int limit;
    private final ConcurrentMap<K, AtomicInteger> running = new ConcurrentHashMap<>();

    public ConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit of at least 1");
        }
        this.limit = limit;
    }

    /** A permit for {@code key}, or empty when {@code limit} are running for it already. */
    public Optional<Permit> acquire(K key) {
        boolean[] granted = { false };
        running.compute(key, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < limit) {
                c.incrementAndGet();
                granted[0] = true;
            }
            return c;
        });
        if (!granted[0]) {
            return Optional.empty();
        }
        AtomicInteger released = new AtomicInteger();
        return Optional.of(() -> {
            if (released.compareAndSet(0, 1)) {
                running.computeIfPresent(key, (k, c) -> c.decrementAndGet() == 0 ? null : c);
            }
        });
    }

    /** How many are running for {@code key} now. */
    public int running(K key) {
        AtomicInteger c = running.get(key);
        return c == null ? 0 : c.get();
    }
}
