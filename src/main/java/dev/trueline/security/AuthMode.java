package dev.trueline.security;

/** Who may call the API: {@code trueline.auth.mode}. */
public enum AuthMode {

    /** No credentials: every caller is the one implicit principal {@value CurrentPrincipal#LOCAL}. */
    NONE,

    /** Static bearer tokens, configured as SHA-256 hashes mapped to principals ({@code trueline.auth.tokens.*}). */
    TOKEN,

    /** Bearer JWTs verified by SmallRye JWT ({@code mp.jwt.verify.*}); the principal is the token's {@code sub}. */
    JWT
}
