package dev.trueline.security;

import jakarta.enterprise.context.RequestScoped;

import dev.trueline.journal.ConversationRecord;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The name of the caller of the current request, in every mode: {@value #LOCAL} in {@code none}, the configured
 * principal of the token in {@code token}, the JWT's {@code sub} in {@code jwt} ({@link JwtSubject}). This is the
 * owner a new conversation's header names, and the only caller who sees it afterwards.
 */
@RequestScoped
public class CurrentPrincipal {

    /** The one principal of {@code none} mode. */
    public static final String LOCAL = ConversationRecord.UNNAMED_OWNER;

    private final SecurityIdentity identity;

    public CurrentPrincipal(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's principal name; never empty on an API request, which the permissions refuse when anonymous. */
    public String name() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("no authenticated caller: the HTTP permissions should have refused this");
        }
        return identity.getPrincipal().getName();
    }
}
