package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * CORS is off unless origins are configured: then exactly those origins may send a JSON request from a browser
 * (their preflight is granted), and no other. With CORS off, {@link CorsOffTest} shows no origin is granted.
 */
@QuarkusTest
@TestProfile(CorsTest.OneOrigin.class)
class CorsTest {

    static final String ALLOWED = "https://app.example.com";

    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", ALLOWED);
        }
    }

    @Test
    void theConfiguredOriginsPreflightIsGranted() {
        Response preflight = preflight(ALLOWED);
        assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anotherOriginsPreflightIsNot() {
        Response preflight = preflight("https://evil.example");
        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.headers().toString());
    }

    static Response preflight(String origin) {
        return RestAssured.given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/conversations/cors-check/turns");
    }
}
