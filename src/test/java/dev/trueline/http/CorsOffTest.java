package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** By default (no CORS configured) no origin is ever granted: not on a preflight, not on an answer. */
@QuarkusTest
class CorsOffTest {

    @Test
    void noOriginIsGrantedByDefault() {
        for (String origin : new String[] { CorsTest.ALLOWED, "https://evil.example", "null" }) {
            Response preflight = CorsTest.preflight(origin);
            assertNull(preflight.header("Access-Control-Allow-Origin"), origin + ": " + preflight.headers());
            Response answer = RestAssured.given().header("Origin", origin).get("/api/conversations");
            assertNull(answer.header("Access-Control-Allow-Origin"), origin + ": " + answer.headers());
        }
    }
}
