package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * In {@code none} mode (the default) only the local names are answered, as a DNS-rebinding page would otherwise
 * read everything: its requests name its own host.
 */
@QuarkusTest
class HostGuardTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void aForeignHostIsRefusedOnTheApiAndThePage() throws Exception {
        int port = root.getPort();
        for (String host : List.of("evil.example", "evil.example:" + port, "localhost.evil.example:" + port,
                "127.0.0.1.nip.io:" + port, "[::2]:" + port, "0.0.0.0:" + port)) {
            for (String path : List.of("/api/conversations", "/", "/js/app.js")) {
                RawHttp.Response response = RawHttp.request(root, "GET", path).host(host).send();
                assertEquals(403, response.status(), host + " " + path + ": " + response.body());
                assertEquals("host_not_allowed", response.json().getString("code"), host);
                SecurityHeadersTest.assertPolicy(response::header, host);
            }
        }
    }

    @Test
    void aRequestWithoutAHostIsRefused() throws Exception {
        RawHttp.Response response = RawHttp.request(root, "GET", "/api/conversations").host("").send();
        // HTTP/1.1 requires the header: Vert.x refuses such a request before any route, as a bad request
        assertEquals(400, response.status(), response.body());
        assertEquals("bad_request", response.json().getString("code"));
    }

    @Test
    void theLocalNamesAreAnsweredOnAnyPort() throws Exception {
        for (String host : List.of("localhost:" + root.getPort(), "127.0.0.1:" + root.getPort(),
                "[::1]:" + root.getPort(), "LOCALHOST:8080", "localhost", "localhost.:" + root.getPort())) {
            assertEquals(200, RawHttp.request(root, "GET", "/api/conversations").host(host).send().status(), host);
        }
    }
}
