package dev.trueline.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Trueline's HTTP authentication, by {@code trueline.auth.mode} (a run-time choice; the mechanisms themselves are
 * fixed at build time, so this one, first by priority, decides):
 * <ul>
 * <li>{@code none}: every request is the implicit principal {@value CurrentPrincipal#LOCAL}; any
 * {@code Authorization} header is ignored.</li>
 * <li>{@code token}: a bearer token is checked by {@link StaticTokenIdentityProvider}; a header that is not a bearer
 * token fails.</li>
 * <li>{@code jwt}: this mechanism steps aside (no identity) and SmallRye JWT's own mechanism, next by priority, reads
 * and verifies the bearer JWT; a header that is not a bearer token fails here.</li>
 * </ul>
 * Which requests need an identity is said by the HTTP permissions in {@code application.properties}, not here. Every
 * 401 is {@link Unauthorized}'s problem: this mechanism is the challenger of a request that sent no credential, and
 * {@link SecurityProblems} rewrites the answer of a credential SmallRye JWT refused.
 */
@ApplicationScoped
public class TruelineAuthMechanism implements HttpAuthenticationMechanism {

    /** Above SmallRye JWT's mechanism ({@link HttpAuthenticationMechanism#DEFAULT_PRIORITY}): asked first. */
    static final int PRIORITY = DEFAULT_PRIORITY + 1000;

    private static final SecurityIdentity LOCAL = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(CurrentPrincipal.LOCAL))
            .build();

    private final AuthMode mode;

    public TruelineAuthMechanism(AuthConfig config) {
        this.mode = config.mode();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        if (mode == AuthMode.NONE) {
            return Uni.createFrom().item(LOCAL);
        }
        BearerHeader header = BearerHeader.of(rc);
        if (header.kind() == BearerHeader.Kind.ABSENT) {
            return Uni.createFrom().nullItem(); // anonymous: the permissions decide whether that is enough
        }
        // Whatever happens next, a refusal of this request is this mechanism's challenge to send.
        rc.put(HttpAuthenticationMechanism.class.getName(), this);
        if (header.kind() == BearerHeader.Kind.MALFORMED) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Authorization header"));
        }
        if (mode == AuthMode.JWT) {
            rc.remove(HttpAuthenticationMechanism.class.getName()); // SmallRye JWT's turn, and its challenge
            return Uni.createFrom().nullItem();
        }
        TokenCredential token = new TokenCredential(header.token(), StaticTokenIdentityProvider.TYPE);
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(token), rc));
    }

    /** Writes the whole 401 itself, so the answer is a problem even where Quarkus would end it with no body. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext rc) {
        Unauthorized.send(rc);
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", Unauthorized.challenge(rc)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
