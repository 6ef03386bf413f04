package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Free space under {@code trueline.journal.min-free-bytes}: readiness DOWN and new turns refused. The shortage is
 * made by asking for more free space than any disk has, not by filling a disk; recovery is shown by
 * {@link JournalFailureTest} with a real unwritable directory.
 */
@QuarkusTest
@TestProfile(JournalLowSpaceTest.NoDiskIsBigEnough.class)
class JournalLowSpaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static class NoDiskIsBigEnough implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.journal.min-free-bytes", Long.toString(Long.MAX_VALUE),
                    "trueline.journal.dir", "target/journal-low-space-test");
        }
    }

    @Test
    void readinessIsDownAndTurnsAreRefusedWhenFreeSpaceIsUnderTheMinimum() throws Exception {
        Response ready = RestAssured.get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        JsonNode journal = null;
        for (JsonNode check : JSON.readTree(ready.asString()).get("checks")) {
            if ("journal".equals(check.get("name").asText())) {
                journal = check;
            }
        }
        assertNotNull(journal, ready.asString());
        assertEquals("DOWN", journal.get("status").asText());
        assertTrue(journal.get("data").get("problem").asText().contains("trueline.journal.min-free-bytes"));
        assertTrue(journal.get("data").get("usableBytes").asLong() > 0);

        Response refused = RestAssured.given().contentType("application/json").body("{\"prompt\":\"hi\"}")
                .post("/api/conversations/low-space/turns");
        assertEquals(503, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("journal_unavailable", refused.jsonPath().getString("code"));
        assertNotNull(refused.header("Retry-After"));
        assertEquals(404, RestAssured.get("/api/conversations/low-space").statusCode(), "something was journaled");
    }
}
