package dev.trueline.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The page and its modules keep their names across versions, so a browser must check before reusing a copy: after
 * an upgrade it then runs the new page, not yesterday's against today's API.
 */
@QuarkusTest
class PageCachingTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/js/app.js", "/js/sse.js", "/css/app.css", "/favicon.svg" })
    void everyPageFileIsRevalidatedBeforeItIsReused(String path) {
        Response first = given().get(path);
        assertEquals(200, first.statusCode());
        String cacheControl = first.header("Cache-Control");
        assertEquals("no-cache", cacheControl, path);
        assertFalse(cacheControl.contains("immutable"), path);
        String lastModified = first.header("Last-Modified");
        assertNotNull(lastModified, path + ": no validator to revalidate with");

        // the revalidation a browser makes: unchanged since then, so 304 and no body
        Response again = given().header("If-Modified-Since", lastModified).get(path);
        assertEquals(304, again.statusCode(), path);
        assertEquals("", again.asString(), path);
    }
}
