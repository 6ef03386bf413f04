package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** The load generator's SSE parser on bodies cut at every byte, with each kind of line end. */
class SseParserTest {

    private static final String BODY = "id: 1:0\r\nevent: turn\r\ndata: {\"turn\":1}\r\n\r\n"
            + ": ping\n\n"
            + "id:1:1\nevent:chunk\ndata:{\"text\":\"caf\u00e9\"}\n\n"
            + "data: line one\rdata: line two\r\r";

    @Test
    void eventsAreTheSameWhereverTheBodyIsCut() {
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        List<String> whole = parse(List.of(bytes));
        assertEquals(List.of("1:0|turn|{\"turn\":1}", "#ping", "1:1|chunk|{\"text\":\"caf\u00e9\"}",
                "null|null|line one\nline two"), whole);
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            assertEquals(whole, parse(List.of(a, b)), "cut at byte " + cut);
        }
    }

    private static List<String> parse(List<byte[]> reads) {
        List<String> seen = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(String id, String event, String data) {
                seen.add(id + "|" + event + "|" + data);
            }

            @Override
            public void onComment(String comment) {
                seen.add("#" + comment);
            }
        });
        reads.forEach(r -> parser.feed(Buffer.buffer(r)));
        return seen;
    }
}
