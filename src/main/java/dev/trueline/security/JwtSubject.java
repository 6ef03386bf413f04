package dev.trueline.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes a verified JWT's {@code sub} the principal's name. SmallRye JWT names the principal by {@code upn}, then
 * {@code preferred_username}, then {@code sub}; an owner must be the one stable id the issuer gives a subject, so a
 * JWT without {@code sub} is refused (401) rather than named by a claim its holder might share or change.
 */
@ApplicationScoped
public class JwtSubject implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the JWT has no sub claim"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .setPrincipal(new QuarkusPrincipal(subject))
                .build());
    }
}
