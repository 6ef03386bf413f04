package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class TurnStreamTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Test
    void fullTurnStreamsInProtocolOrderAndIsJournaledInOrder() throws Exception {
        String cid = JournalFiles.newId("full");
        String prompt = "Tell me about journals #chunks=12 #delay-ms=5";
        List<SseEvent> events;
        try (RawSseClient client = RawSseClient.post(turns(cid), new JsonObject().put("prompt", prompt).encode())) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream", client.header("content-type"));
            assertEquals("no-cache", client.header("cache-control"));
            events = client.rest();
        }

        // turn, chunk 1..n, end; ids t:0..t:n, then t:end; each data repeats its event name as "type"
        assertEquals(14, events.size(), () -> "events: " + events);
        assertEquals("turn", events.get(0).event());
        assertEquals("1:0", events.get(0).id());
        assertEquals("1000", events.get(0).retry(), "the first event tells an EventSource how soon to reconnect");
        JsonObject started = events.get(0).json();
        assertEquals(cid, started.getString("conversation"));
        assertEquals("scripted", started.getString("adapter"));
        assertEquals("scripted-1", started.getString("model"));
        StringBuilder received = new StringBuilder();
        for (int seq = 1; seq <= 12; seq++) {
            SseEvent chunk = events.get(seq);
            assertEquals("chunk", chunk.event());
            assertEquals("1:" + seq, chunk.id());
            assertEquals(seq, chunk.json().getInteger("seq"));
            received.append(chunk.json().getString("text"));
        }
        SseEvent end = events.get(13);
        assertEquals("end", end.event());
        assertEquals("1:end", end.id(), "the terminal event has an id of its own: a resume naming it gets 204");
        assertEquals(12, end.json().getInteger("chunks"));
        assertEquals("stop", end.json().getString("finish"));
        for (SseEvent e : events) {
            assertEquals(e.event(), e.json().getString("type"));
        }
        assertEquals(ScriptedReply.text(prompt, 12), received.toString());

        List<JsonObject> journal = JournalFiles.records(cid);
        List<String> types = journal.stream().map(r -> r.getString("type")).collect(Collectors.toList());
        List<String> expected = new ArrayList<>(List.of("conversation", "user"));
        for (int i = 0; i < 12; i++) {
            expected.add("chunk");
        }
        expected.add("end");
        assertEquals(expected, types);
        assertEquals(1, journal.get(0).getInteger("v"));
        assertEquals(cid, journal.get(0).getString("id"));
        assertEquals(prompt, journal.get(1).getString("text"));
        String journaled = journal.stream().filter(r -> "chunk".equals(r.getString("type")))
                .map(r -> r.getString("text")).collect(Collectors.joining());
        assertEquals(received.toString(), journaled);
        assertEquals(12, journal.get(journal.size() - 1).getInteger("chunks"));
    }

    @Test
    void turnNumbersContinueAndTheNextTurnSeesTheHistory() throws Exception {
        String cid = JournalFiles.newId("numbers");
        for (int turn = 1; turn <= 3; turn++) {
            try (RawSseClient client = RawSseClient.post(turns(cid),
                    "{\"prompt\":\"turn " + turn + " #chunks=3 #delay-ms=1\"}")) {
                List<SseEvent> events = client.rest();
                assertEquals(turn + ":0", events.get(0).id());
                assertEquals(turn, events.get(events.size() - 1).json().getInteger("turn"));
            }
        }
        JsonObject header = JournalFiles.records(cid).get(0);
        assertNotNull(header.getString("created"));
        long users = JournalFiles.records(cid).stream().filter(r -> "user".equals(r.getString("type"))).count();
        assertEquals(3, users);
    }

    @Test
    void aRequestedModelIsJournaledAndAnnounced() throws Exception {
        String cid = JournalFiles.newId("model");
        try (RawSseClient client = RawSseClient.post(turns(cid),
                "{\"prompt\":\"hi #chunks=2 #delay-ms=1\",\"model\":\"scripted-large\"}")) {
            assertEquals("scripted-large", client.next().json().getString("model"));
            client.rest();
        }
        assertEquals("scripted-large", JournalFiles.records(cid).get(1).getString("model"));
    }

    private URI turns(String cid) {
        return URI.create(conversations + "/" + cid + "/turns");
    }
}
