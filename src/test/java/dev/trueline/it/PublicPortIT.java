package dev.trueline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawHttp;

/**
 * The packaged app as an operator runs it: the public port serves the page and the API only, the management
 * endpoints answer on their own port; {@code none} mode says once that nothing is protected and refuses a foreign
 * host; {@code token} mode says nothing of the kind and asks for a token; a {@code jwt} mode that could verify
 * nothing does not start.
 */
class PublicPortIT {

    private static final Path LOGS = Path.of("target", "public-port-it");
    private static final String OPEN_WARNING = "trueline.auth.mode=none: there is no access control";

    @Test
    void managementEndpointsAreNotOnThePublicPort() throws Exception {
        Path journal = Files.createTempDirectory(Files.createDirectories(LOGS), "journal-");
        try (AppProcess app = AppProcess.start(journal, Map.of(), LOGS.resolve("none.log"))) {
            for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi")) {
                assertEquals(404, app.get(path).statusCode(), "public " + path);
                assertEquals(200, app.management(path).statusCode(), "management " + path);
            }
            assertEquals(200, app.get("/").statusCode());
            assertEquals(200, app.get("/api/conversations").statusCode());
            RawHttp.Response rebound = RawHttp.request(app.uri("/"), "GET", "/api/conversations")
                    .host("rebound.example:" + app.port()).send();
            assertEquals(403, rebound.status(), rebound.body());
            long warnings = app.output().lines().filter(line -> line.contains(OPEN_WARNING)).count();
            assertEquals(1, warnings, "the open-access warning, once:\n" + app.output());
            assertTrue(app.output().lines().anyMatch(l -> l.contains(OPEN_WARNING) && l.contains("\"WARN\"")),
                    "logged at WARN");
        }
    }

    @Test
    void tokenModeAsksForATokenAndDoesNotWarn() throws Exception {
        Path journal = Files.createTempDirectory(Files.createDirectories(LOGS), "journal-");
        // sha256 of "tl-it-token": printf %s tl-it-token | sha256sum
        String hash = "sha256:" + dev.trueline.testing.Sha256.hex("tl-it-token");
        try (AppProcess app = AppProcess.start(journal, Map.of("trueline.auth.mode", "token",
                "trueline.auth.tokens.ops", hash), LOGS.resolve("token.log"))) {
            assertEquals(401, app.get("/api/conversations").statusCode());
            assertEquals(200, app.get("/").statusCode());
            assertEquals(200, app.management("/q/health/ready").statusCode());
            assertFalse(app.output().contains(OPEN_WARNING), app.output());
            assertFalse(app.output().contains("tl-it-token"), "the token must not be logged");
        }
    }

    @Test
    void tokenModeWithAValueThatIsNotAHashDoesNotStartAndDoesNotQuoteIt() throws Exception {
        Path journal = Files.createTempDirectory(Files.createDirectories(LOGS), "journal-");
        Path log = LOGS.resolve("token-not-a-hash.log");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AppProcess.start(journal,
                Map.of("trueline.auth.mode", "token", "trueline.auth.tokens.ops", "tl-it-token-pasted-as-is"), log)
                .close());
        assertTrue(refused.getMessage().contains("trueline.auth.tokens.ops"), refused.getMessage());
        assertFalse(Files.readString(log).contains("tl-it-token-pasted-as-is"), "the value was logged");
    }

    @Test
    void jwtModeWithoutIssuerAudienceAndKeyDoesNotStart() throws Exception {
        Path journal = Files.createTempDirectory(Files.createDirectories(LOGS), "journal-");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AppProcess.start(journal,
                Map.of("trueline.auth.mode", "jwt"), LOGS.resolve("jwt-unconfigured.log")).close());
        assertTrue(refused.getMessage().contains("trueline.auth.mode=jwt needs mp.jwt.verify.issuer, "
                + "mp.jwt.verify.audiences, mp.jwt.verify.publickey.location"), refused.getMessage());
    }
}
