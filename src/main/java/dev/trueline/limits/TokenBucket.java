package dev.trueline.limits;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code capacity} per
 * {@code period}, one taken per turn. Full at first, so a caller may use the whole burst at once, then
 * {@code capacity / period} on average. A refusal says how long until the next token, for {@code Retry-After}.
 * Thread-safe; time comes from a nanosecond clock so tests can drive it.
 * <p>
 * {@link PrincipalLimits} keeps one per principal ({@code trueline.limits.turns-per-minute}).
 */
public final class TokenBucket {

    /** The answer to a take: granted, or refused with the wait until a token is there. */
    public record Take(boolean granted, Duration retryAfter) {

        static final Take GRANTED = new Take(true, Duration.ZERO);
    }

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(int capacity, Duration period, LongSupplier nanoClock) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /** A bucket on {@link System#nanoTime()}. */
    public static TokenBucket perPeriod(int capacity, Duration period) {
        return new TokenBucket(capacity, period, System::nanoTime);
    }

    /** Takes one token if there is one; otherwise takes nothing and says how long until there is. */
    public synchronized Take take() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Take.GRANTED;
        }
        long wait = (long) Math.ceil((1 - tokens) / tokensPerNano);
        return new Take(false, Duration.ofNanos(wait));
    }

    /** The tokens there now (whole ones), for tests and metrics. */
    public synchronized int available() {
        refill();
        return (int) Math.floor(tokens);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last; // nanoTime may be negative; differences are what count
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            last = now;
        }
    }
}
