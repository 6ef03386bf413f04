package dev.trueline.journal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} check {@code journal}: DOWN while the journal cannot take writes (the file journal: its
 * directory cannot take a new file or free space is under {@code trueline.journal.min-free-bytes}; the Redis journal:
 * Redis does not answer a PING), UP again as soon as it can. While it is DOWN new turns are
 * refused with 503, so a load balancer and a client agree.
 */
@Readiness
@ApplicationScoped
public class JournalReadinessCheck implements HealthCheck {

    private final JournalHealth health;

    public JournalReadinessCheck(JournalHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        JournalStatus status = health.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("journal").status(status.up())
                .withData("usableBytes", status.usableBytes())
                .withData("minFreeBytes", status.minFreeBytes());
        if (status.problem() != null) {
            response.withData("problem", status.problem());
        }
        return response.build();
    }
}
