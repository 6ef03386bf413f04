package dev.trueline.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Access control: {@code trueline.auth.*}. The JWT settings are SmallRye JWT's own ({@code mp.jwt.verify.issuer},
 * {@code mp.jwt.verify.audiences}, {@code mp.jwt.verify.publickey.location}); {@link AuthModeCheck} refuses to start
 * {@code jwt} mode without them. See {@code docs/security.md}.
 */
@ConfigMapping(prefix = "trueline.auth")
public interface AuthConfig {

    /**
     * {@code none} (one implicit principal, {@value CurrentPrincipal#LOCAL}: every caller sees every conversation),
     * {@code token} (static bearer tokens, {@link #tokens()}) or {@code jwt} (bearer JWTs). In {@code token} and
     * {@code jwt} every request outside the chat page's files and the health probes needs a valid bearer credential.
     */
    @WithDefault("none")
    AuthMode mode();

    /**
     * In {@code token} mode, one entry per principal: {@code trueline.auth.tokens.<principal>=sha256:<hex>}, the
     * SHA-256 of that principal's token in lower- or upper-case hex ({@code printf %s "$TOKEN" | sha256sum}). Only
     * hashes are configured, so the configuration never holds a usable token.
     */
    Map<String, String> tokens();
}
