package dev.trueline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.trueline.http.SecurityHeaders;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.TestLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * {@code token} mode over real HTTP: every API endpoint refuses a missing, malformed or unknown token with a 401
 * problem and a Bearer challenge; a configured token reaches the API as its principal; the page and the probes stay
 * public; and no token reaches the log, even at DEBUG.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenAuthTest {

    /** Tokens this class sends that must never be logged. */
    private static final List<String> SENT = new ArrayList<>(List.of(TokenProfile.ALICE, TokenProfile.BOB));

    @Inject
    IdentityProviderManager identities;

    @Test
    void everyApiEndpointRefusesACallerWithoutACredential() {
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            Response response = endpoint.call(JournalFiles.newId("anon"), null);
            assertUnauthorized(response, endpoint + " without credential", "Bearer realm=\"trueline\"");
        }
    }

    @Test
    void everyApiEndpointRefusesAnUnknownToken() {
        List<String> unknown = List.of("tl-test-mallory-0000000000000000000000000000",
                TokenProfile.ALICE + "x", TokenProfile.ALICE.toUpperCase(), TokenProfile.ALICE.substring(1),
                TokenProfile.sha256Hex(TokenProfile.ALICE)); // the configured hash is not a token
        SENT.addAll(unknown);
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            for (String token : unknown) {
                Response response = endpoint.call(JournalFiles.newId("unknown"), "Bearer " + token);
                assertUnauthorized(response, endpoint + " with an unknown token",
                        "Bearer realm=\"trueline\", error=\"invalid_token\"");
                assertTrue(!response.asString().contains(token), "the answer repeats the token: " + response.asString());
            }
        }
    }

    @Test
    void everyApiEndpointRefusesAnAuthorizationHeaderThatIsNotABearerToken() {
        List<String> malformed = List.of("Bearer", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Token " + TokenProfile.ALICE,
                "Bearer " + TokenProfile.ALICE + " extra", "Bearer tl-test-bad\"quote", TokenProfile.ALICE);
        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            for (String header : malformed) {
                Response response = endpoint.call(JournalFiles.newId("malformed"), header);
                assertUnauthorized(response, endpoint + " with Authorization: " + header,
                        "Bearer realm=\"trueline\", error=\"invalid_request\"");
            }
        }
    }

    @Test
    void aConfiguredTokenReachesTheApi() {
        for (String token : List.of(TokenProfile.ALICE, TokenProfile.BOB)) {
            RestAssured.given().header("Authorization", "Bearer " + token).get("/api/conversations").then()
                    .statusCode(200);
            // the scheme is case-insensitive (RFC 6750 follows RFC 9110's auth-scheme)
            RestAssured.given().header("Authorization", "bearer " + token).get("/api/conversations").then()
                    .statusCode(200);
        }
        String cid = JournalFiles.newId("token-turn");
        Response turn = ApiEndpoints.ALL.get(0).call(cid, "Bearer " + TokenProfile.ALICE);
        assertEquals(200, turn.statusCode(), turn.asString());
        assertTrue(turn.asString().contains("event:end"), turn.asString());
    }

    @Test
    void aTokenIsTheIdentityOfItsConfiguredPrincipal() {
        assertEquals("alice", identities.authenticateBlocking(request(TokenProfile.ALICE)).getPrincipal().getName());
        assertEquals("bob", identities.authenticateBlocking(request(TokenProfile.BOB)).getPrincipal().getName());
        try {
            identities.authenticateBlocking(request("tl-test-nobody"));
            throw new AssertionError("an unknown token authenticated");
        } catch (AuthenticationFailedException expected) {
            assertTrue(!String.valueOf(expected.getMessage()).contains("tl-test-nobody"), expected.getMessage());
        }
    }

    @Test
    void thePageAndTheHealthProbesNeedNoCredential() {
        for (String path : List.of("/", "/index.html", "/favicon.svg", "/css/app.css", "/js/app.js",
                "/q/health/ready", "/q/health/live", "/q/health")) {
            RestAssured.given().get(path).then().statusCode(200);
        }
    }

    @Test
    void everythingElseNeedsACredentialHoweverThePathIsSpelled() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/nope", "//api/conversations",
                "/api//conversations", "/%61pi/conversations", "/api/%63onversations", "/./api/conversations",
                "/js/../api/conversations", "/api")) {
            Response response = RestAssured.given().urlEncodingEnabled(false).get(path);
            assertUnauthorized(response, "GET " + path, "Bearer realm=\"trueline\"");
        }
    }

    @Test
    void aForeignHostNeedsOnlyACredential() throws Exception {
        // the DNS-rebinding guard is for none mode; with tokens a rebound page has no credential to send
        java.net.URI root = java.net.URI.create("http://localhost:" + RestAssured.port + "/");
        assertEquals(401, dev.trueline.testing.RawHttp.request(root, "GET", "/api/conversations")
                .host("evil.example").send().status());
        assertEquals(200, dev.trueline.testing.RawHttp.request(root, "GET", "/api/conversations")
                .host("evil.example").header("Authorization", "Bearer " + TokenProfile.ALICE).send().status());
    }

    @AfterAll
    static void noTokenWasLogged() {
        List<String> leaks = TestLog.linesHolding(SENT);
        assertEquals(List.of(), leaks.subList(0, Math.min(3, leaks.size())), leaks.size() + " lines of "
                + TestLog.FILE + " hold a token");
        assertTrue(TestLog.read().contains("DEBUG"), "the profile should log at DEBUG, or this proves little");
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new TokenCredential(token, StaticTokenIdentityProvider.TYPE));
    }

    static void assertUnauthorized(Response response, String what, String challenge) {
        assertEquals(401, response.statusCode(), what + ": " + response.asString());
        assertEquals(challenge, response.header("WWW-Authenticate"), what);
        assertEquals("application/problem+json", response.contentType(), what);
        assertEquals("unauthorized", response.jsonPath().getString("code"), what);
        assertEquals(401, response.jsonPath().getInt("status"), what);
        assertEquals(SecurityHeaders.CSP, response.header("Content-Security-Policy"), what);
        assertEquals("nosniff", response.header("X-Content-Type-Options"), what);
    }
}
