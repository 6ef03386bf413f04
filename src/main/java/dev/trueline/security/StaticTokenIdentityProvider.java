package dev.trueline.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a static bearer token ({@code token} mode) into the identity of the principal whose configured hash it
 * matches, or fails. It answers only credentials of its own {@link #TYPE}, which {@link TruelineAuthMechanism}
 * creates; a JWT credential is left to SmallRye JWT's validator (which in turn ignores this type).
 */
@ApplicationScoped
public class StaticTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The credential type of a static token. */
    public static final String TYPE = "trueline-static-token";

    private final StaticTokens tokens;

    public StaticTokenIdentityProvider(AuthConfig config) {
        // parsed (and so checked) only where they are used; AuthModeCheck reports a bad one at startup
        this.tokens = config.mode() == AuthMode.TOKEN ? StaticTokens.parse(config.tokens())
                : StaticTokens.parse(Map.of());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential credential = request.getToken();
        if (!TYPE.equals(credential.getType())) {
            return Uni.createFrom().nullItem();
        }
        // The message must not quote the token: authentication failures may be logged at DEBUG.
        return tokens.principalOf(credential.getToken())
                .map(principal -> Uni.createFrom().<SecurityIdentity> item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(principal))
                        .addCredential(credential)
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown token")));
    }
}
