package dev.trueline.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.trueline.problem.ProblemException;
import dev.trueline.security.AuthConfig;
import dev.trueline.security.AuthMode;

/**
 * Admits a principal's new turn against {@link LimitsConfig}: at most {@code turns-per-user} running at once
 * ({@link ConcurrencyLimit}) and {@code turns-per-minute} started ({@link TokenBucket}, one per principal). A refusal
 * is a 429 problem with {@code Retry-After}; a turn refused for running too many takes no token from the bucket.
 * Counts are per instance: behind a load balancer each replica counts its own.
 */
@ApplicationScoped
public class PrincipalLimits {

    private static final ConcurrencyLimit.Permit UNLIMITED = () -> {
    };

    private final boolean applied;
    private final int perUser;
    private final int perMinute;
    private final ConcurrencyLimit<String> running;
    private final ConcurrentMap<String, TokenBucket> started = new ConcurrentHashMap<>();

    public PrincipalLimits(LimitsConfig config, AuthConfig auth) {
        this.applied = auth.mode() != AuthMode.NONE;
        this.perUser = config.turnsPerUser();
        this.perMinute = config.turnsPerMinute();
        this.running = new ConcurrencyLimit<>(perUser);
    }

    /**
     * A permit for one more running turn of {@code principal}, to be closed when the turn ends; a
     * {@link ProblemException} 429 when the principal is over a limit.
     */
    public ConcurrencyLimit.Permit admit(String principal) {
        if (!applied) {
            return UNLIMITED;
        }
        Optional<ConcurrencyLimit.Permit> permit = running.acquire(principal);
        if (permit.isEmpty()) {
            throw new ProblemException(429, "too_many_running_turns", "Too many running turns", "You already have "
                    + perUser + " turns running (trueline.limits.turns-per-user); wait for one to end or stop one.",
                    Map.of("Retry-After", "1"));
        }
        TokenBucket.Take take = started.computeIfAbsent(principal,
                p -> TokenBucket.perPeriod(perMinute, Duration.ofMinutes(1))).take();
        if (!take.granted()) {
            permit.get().close();
            long seconds = Math.max(1, (take.retryAfter().toMillis() + 999) / 1000);
            throw new ProblemException(429, "turn_rate_exceeded", "Too many turns started", "You started "
                    + perMinute + " turns within a minute (trueline.limits.turns-per-minute); try again in " + seconds
                    + " s.", Map.of("Retry-After", Long.toString(seconds)));
        }
        return permit.get();
    }
}
