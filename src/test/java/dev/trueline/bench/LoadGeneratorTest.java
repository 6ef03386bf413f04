package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** The load generator against a real HTTP server on 127.0.0.1 that keeps or breaks each protocol on request. */
class LoadGeneratorTest {

    private static StubSseServer stub;

    @BeforeAll
    static void start() throws Exception {
        stub = new StubSseServer();
    }

    @AfterAll
    static void stop() throws Exception {
        stub.close();
    }

    @BeforeEach
    void noFault() {
        stub.fault("");
    }

    @Test
    void countsEveryChunkOfEveryTurnAndFindsTheIdsInOrder() throws Exception {
        LoadResult r = run("trueline", "--concurrency", "4", "--turns", "10");

        assertEquals(0, r.errors(), r.json().encodePrettily());
        assertEquals(10, r.json().getLong("streams"));
        assertEquals(10, r.json().getLong("complete"));
        assertEquals(10L * StubSseServer.CHUNKS, r.json().getLong("chunks"));
        assertEquals(16.0, r.json().getDouble("avgChunkChars"));
        assertEquals(10, r.json().getLong("heartbeats"));
        assertEquals(10, r.json().getLong("windowTurns"), "a turn budget measures until the last turn ends");
    }

    @Test
    void aMissingSeqIsAnOrderErrorOnEveryStream() throws Exception {
        stub.fault("skip");
        LoadResult r = run("trueline", "--concurrency", "2", "--turns", "4");

        assertEquals(4, r.errors());
        assertEquals(4, errorKinds(r).getLong("order"), r.json().encodePrettily());
        assertEquals(0, r.json().getLong("complete"));
    }

    @Test
    void aStreamEndingWithoutItsEndEventIsIncomplete() throws Exception {
        stub.fault("noend");
        LoadResult r = run("trueline", "--concurrency", "2", "--turns", "3");

        assertEquals(3, errorKinds(r).getLong("incomplete"), r.json().encodePrettily());
    }

    @Test
    void theReferenceProtocolIsCheckedBySeqFromZero() throws Exception {
        LoadResult ok = run("reference", "--concurrency", "3", "--turns", "6");
        assertEquals(0, ok.errors(), ok.json().encodePrettily());
        assertEquals(6L * StubSseServer.CHUNKS, ok.json().getLong("chunks"));

        stub.fault("skip");
        LoadResult gap = run("reference", "--concurrency", "3", "--turns", "6");
        assertEquals(6, errorKinds(gap).getLong("order"), gap.json().encodePrettily());
    }

    @Test
    void leavingAfterKChunksResumesWithLastEventIdAcrossAnExactSeam() throws Exception {
        LoadResult r = run("trueline", "--concurrency", "2", "--turns", "4", "--disconnect-after", "5", "--resume");

        assertEquals(0, r.errors(), r.json().encodePrettily());
        assertEquals(4, r.json().getLong("disconnects"));
        assertEquals(4, r.json().getLong("resumes"));
        assertEquals(4, r.json().getLong("complete"));
        assertEquals(4L * StubSseServer.CHUNKS, r.json().getLong("chunks"), "a chunk lost or repeated at the seam");
    }

    @Test
    void aChunkReplayedTwiceAtTheSeamIsAnOrderError() throws Exception {
        stub.fault("resume-dup");
        LoadResult r = run("trueline", "--concurrency", "2", "--turns", "2", "--disconnect-after", "5", "--resume");

        assertEquals(2, errorKinds(r).getLong("order"), r.json().encodePrettily());
    }

    @Test
    void aServerWithoutTheResumeEndpointIsReportedNotCountedAsErrors() throws Exception {
        stub.fault("resume-404");
        LoadResult r = run("trueline", "--concurrency", "2", "--turns", "2", "--disconnect-after", "5", "--resume");

        assertEquals(0, r.errors(), r.json().encodePrettily());
        assertEquals(2, r.json().getLong("resumeUnavailable"));
        assertEquals(404, r.json().getInteger("resumeUnavailableStatus"));
    }

    @Test
    void s5SaysNotAvailableWhenTheResumeEndpointAnswers404() throws Exception {
        stub.fault("resume-404");
        LoadResult r = run("trueline", "--mode", "resume", "--concurrency", "2", "--resumes", "10",
                "--conversation-turns", "2");

        JsonObject s5 = r.json().getJsonObject("s5");
        assertFalse(s5.getBoolean("available"), s5.encode());
        assertEquals(404, s5.getInteger("status"));
    }

    @Test
    void s5TimesResumesOfFinishedTurnsWhenTheEndpointExists() throws Exception {
        LoadResult r = run("trueline", "--mode", "resume", "--concurrency", "3", "--resumes", "20",
                "--conversation-turns", "2,5");

        JsonObject s5 = r.json().getJsonObject("s5");
        assertTrue(s5.getBoolean("available"), s5.encode());
        assertEquals(2, s5.getJsonArray("sizes").size());
        JsonObject five = s5.getJsonArray("sizes").getJsonObject(1);
        assertEquals(5, five.getInteger("conversationTurns"));
        assertEquals(0, five.getLong("errors"), five.encode());
        assertTrue(five.getDouble("wholeP99Ms") > 0, five.encode());
    }

    private static LoadResult run(String protocol, String... more) throws Exception {
        String[] base = { "--url", "http://127.0.0.1:" + stub.port(), "--protocol", protocol, "--chunks",
                Integer.toString(StubSseServer.CHUNKS), "--timeout", "20" };
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return LoadGenerator.run(LoadOptions.parse(args));
    }

    private static JsonObject errorKinds(LoadResult r) {
        return r.json().getJsonObject("errorKinds");
    }
}
