package dev.trueline.security;

import static dev.trueline.security.TokenAuthTest.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.TestLog;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * {@code jwt} mode over real HTTP, with JWTs minted here with the test's key pair: every API endpoint refuses a
 * missing, malformed or bad JWT (wrong issuer or audience, bad signature, expired, unsigned, HS256 keyed with the
 * public key, no subject) with a 401 problem; a valid JWT reaches the API as its {@code sub}; no JWT is logged.
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class JwtAuthTest {

    private static final List<String> SENT = new ArrayList<>();

    @Inject
    IdentityProviderManager identities;

    @Test
    void everyApiEndpointRefusesACallerWithoutACredential() {
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            assertUnauthorized(endpoint.call(JournalFiles.newId("anon"), null), endpoint + " without credential",
                    "Bearer realm=\"trueline\"");
        }
    }

    @Test
    void everyApiEndpointRefusesEveryBadJwt() {
        Map<String, String> bad = badJwts();
        SENT.addAll(bad.values());
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            bad.forEach((what, jwt) -> {
                Response response = endpoint.call(JournalFiles.newId("badjwt"), "Bearer " + jwt);
                assertUnauthorized(response, endpoint + " with a JWT " + what,
                        "Bearer realm=\"trueline\", error=\"invalid_token\"");
                assertTrue(!response.asString().contains(jwt), "the answer repeats the JWT: " + response.asString());
            });
        }
    }

    @Test
    void everyApiEndpointRefusesAnAuthorizationHeaderThatIsNotABearerToken() {
        String valid = Jwts.sign(Jwts.valid("carol"));
        SENT.add(valid);
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            for (String header : List.of("Bearer", "Basic Y2Fyb2w6eA==", valid, "JWT " + valid)) {
                assertUnauthorized(endpoint.call(JournalFiles.newId("malformed"), header),
                        endpoint + " with Authorization: " + header.substring(0, Math.min(12, header.length())),
                        "Bearer realm=\"trueline\", error=\"invalid_request\"");
            }
        }
    }

    @Test
    void aValidJwtReachesTheApi() {
        String jwt = Jwts.sign(Jwts.valid("carol"));
        SENT.add(jwt);
        RestAssured.given().header("Authorization", "Bearer " + jwt).get("/api/conversations").then().statusCode(200);
        Response turn = ApiEndpoints.ALL.get(0).call(JournalFiles.newId("jwt-turn"), "Bearer " + jwt);
        assertEquals(200, turn.statusCode(), turn.asString());
        assertTrue(turn.asString().contains("event:end"), turn.asString());
    }

    @Test
    void thePrincipalIsTheSubjectNotTheUpn() {
        String jwt = Jwts.sign(Jwts.valid("subject-42").upn("dave@example.com").preferredUserName("dave"));
        SENT.add(jwt);
        assertEquals("subject-42", identities.authenticateBlocking(new TokenAuthenticationRequest(
                new JsonWebTokenCredential(jwt))).getPrincipal().getName());
    }

    @AfterAll
    static void noJwtWasLogged() {
        List<String> leaks = TestLog.linesHolding(SENT);
        assertEquals(List.of(), leaks.subList(0, Math.min(3, leaks.size())), leaks.size() + " lines of "
                + TestLog.FILE + " hold a JWT");
        // the signatures alone, too: a log could print a JWT cut at its dots
        List<String> signatures = SENT.stream().map(t -> t.substring(t.lastIndexOf('.') + 1))
                .filter(s -> s.length() > 20).toList();
        assertEquals(List.of(), TestLog.linesHolding(signatures).stream().limit(3).toList(), "JWT signatures logged");
    }

    private static Map<String, String> badJwts() {
        Instant now = Instant.now();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("of another issuer", Jwts.sign(Jwts.valid("carol").issuer("https://evil.example")));
        bad.put("for another audience", Jwts.sign(Jwts.valid("carol").audience("someone-else")));
        bad.put("signed with another key", Jwts.sign(Jwts.valid("carol"), TestKeys.generate().getPrivate()));
        bad.put("expired an hour ago", Jwts.sign(Jwts.valid("carol").issuedAt(now.minusSeconds(7200))
                .expiresAt(now.minusSeconds(3600))));
        bad.put("with alg none", Jwts.unsigned("carol"));
        bad.put("HS256 keyed with the public key (DER)",
                Jwts.hs256WithPublicKeyAsSecret("carol", TestKeys.publicKey().getEncoded()));
        bad.put("HS256 keyed with the public key (PEM)",
                Jwts.hs256WithPublicKeyAsSecret("carol", TestKeys.publicPem().getBytes(StandardCharsets.US_ASCII)));
        bad.put("without a subject", Jwts.sign(Jwt.issuer(JwtProfile.ISSUER).audience(JwtProfile.AUDIENCE)
                .upn("carol@example.com").expiresAt(now.plusSeconds(300))));
        String valid = Jwts.sign(Jwts.valid("carol"));
        bad.put("with its signature cut off", valid.substring(0, valid.lastIndexOf('.') + 1));
        bad.put("with a tampered payload", tamper(valid));
        bad.put("that is not a JWT", "not-a-jwt-at-all");
        return bad;
    }

    /** The same JWT with another subject in its payload (and the old signature). */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"carol\"", "\"admin\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
