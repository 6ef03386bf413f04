package dev.trueline.adapter;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.trueline.adapter.scripted.ScriptedAdapter;

/**
 * Reports, in {@code /q/health/ready}, which model answers turns: the adapter kind and the host of its base URL.
 * Always UP on purpose: it never calls the upstream, so a slow or briefly failing model cannot take every replica
 * out of the load balancer; each turn reports upstream failures itself, as an {@code error} event. Only the host is
 * shown: a base URL may carry a path or credentials that have no place in a health response.
 */
@Readiness
@ApplicationScoped
public class UpstreamHealthCheck implements HealthCheck {

    /** The check's name in the health response. */
    public static final String NAME = "trueline-upstream";

    private final AdapterConfig config;

    public UpstreamHealthCheck(AdapterConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String kind = config.kind();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up().withData("kind", kind);
        if (ScriptedAdapter.KIND.equals(kind)) {
            return response.withData("host", "embedded").build();
        }
        // Read lazily by name: each upstream adapter owns its trueline.adapter.<kind>.base-url key.
        Optional<String> baseUrl = ConfigProvider.getConfig()
                .getOptionalValue("trueline.adapter." + kind + ".base-url", String.class);
        return response.withData("host", baseUrl.map(UpstreamHealthCheck::hostOf).orElse("not configured")).build();
    }

    static String hostOf(String baseUrl) {
        try {
            String host = URI.create(baseUrl.strip()).getHost();
            return host == null ? "invalid base URL" : host;
        } catch (IllegalArgumentException e) {
            return "invalid base URL";
        }
    }
}
