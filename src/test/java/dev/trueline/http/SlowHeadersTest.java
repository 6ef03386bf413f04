package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that starts a request and never finishes its headers (slowloris), or connects and says nothing, does not
 * hold the connection: {@code quarkus.http.idle-timeout} closes it. The profile shortens the timeout to one second
 * so the test is quick; the application's own value is in {@code application.properties}.
 */
@QuarkusTest
@TestProfile(SlowHeadersTest.ShortIdleTimeout.class)
class SlowHeadersTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    private static final Duration LIMIT = Duration.ofSeconds(1);

    @TestHTTPResource("/")
    URI root;

    @Test
    void aRequestWhoseHeadersNeverEndIsClosed() throws Exception {
        assertClosedSoon("GET /api/conversations HTTP/1.1\r\nHost: localhost\r\nX-Slow: still typi");
    }

    @Test
    void aConnectionThatSaysNothingIsClosed() throws Exception {
        assertClosedSoon("");
    }

    private void assertClosedSoon(String partialHead) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(partialHead.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server still holds the connection after 10 s", e);
            } catch (java.net.SocketException reset) {
                read = -1; // closed with a reset: closed all the same
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(-1, read, "the server answered instead of closing");
            assertTrue(waited.compareTo(LIMIT.minusMillis(200)) >= 0, "closed before the timeout: " + waited);
            assertTrue(waited.compareTo(LIMIT.plusSeconds(3)) < 0, "closed only after " + waited);
        }
    }
}
