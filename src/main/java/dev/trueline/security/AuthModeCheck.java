package dev.trueline.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * At startup: refuses to start a mode whose configuration cannot let anyone in or cannot verify anything
 * ({@code token} without a valid hash, {@code jwt} without issuer, audience and key), and says once, loudly, when
 * the packaged app runs with no access control at all.
 */
public class AuthModeCheck {

    private static final Logger LOG = Logger.getLogger(AuthModeCheck.class);

    /** The warning of {@code none} mode in the packaged app; tests look for it. */
    static final String OPEN_WARNING = "trueline.auth.mode=none: there is no access control, every caller can "
            + "list, read, stream into, stop and delete every conversation. Set trueline.auth.mode=token or jwt "
            + "(docs/security.md) unless only trusted callers can reach this port.";

    void check(@Observes StartupEvent started, AuthConfig auth, Config config) {
        switch (auth.mode()) {
            case NONE -> {
                if (LaunchMode.current() == LaunchMode.NORMAL) {
                    LOG.warn(OPEN_WARNING);
                }
            }
            case TOKEN -> {
                StaticTokens tokens;
                try {
                    tokens = StaticTokens.parse(auth.tokens());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("trueline.auth.mode=token: " + e.getMessage());
                }
                if (tokens.isEmpty()) {
                    throw new IllegalStateException("trueline.auth.mode=token needs at least one "
                            + "trueline.auth.tokens.<principal>=sha256:<hex> (docs/security.md)");
                }
                // the names only: they say whom the configuration lets in, the hashes stay out of the log
                LOG.infof("access control: static bearer tokens for %s", new java.util.TreeSet<>(auth.tokens().keySet()));
            }
            case JWT -> {
                List<String> missing = new ArrayList<>();
                for (String key : List.of("mp.jwt.verify.issuer", "mp.jwt.verify.audiences")) {
                    if (config.getOptionalValue(key, String.class).isEmpty()) {
                        missing.add(key);
                    }
                }
                if (config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isEmpty()
                        && config.getOptionalValue("mp.jwt.verify.publickey", String.class).isEmpty()) {
                    missing.add("mp.jwt.verify.publickey.location (or mp.jwt.verify.publickey)");
                }
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("trueline.auth.mode=jwt needs " + String.join(", ", missing)
                            + " (docs/security.md)");
                }
                LOG.infof("access control: bearer JWTs of issuer %s",
                        config.getValue("mp.jwt.verify.issuer", String.class));
            }
        }
    }
}
