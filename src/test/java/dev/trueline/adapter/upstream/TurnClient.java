package dev.trueline.adapter.upstream;

import static io.restassured.RestAssured.given;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Drives Trueline over real HTTP: posts turns, reads their SSE events, the journal and the transcript. */
public final class TurnClient {

    private TurnClient() {
    }

    /** One SSE event as the client received it. */
    public record Event(String id, String name, JsonObject data) {
    }

    /** Posts a turn and reads its whole event stream. */
    public static List<Event> turn(String cid, String prompt) {
        return turn(cid, new JsonObject().put("prompt", prompt));
    }

    public static List<Event> turn(String cid, JsonObject body) {
        Response response = given().contentType("application/json").accept("text/event-stream")
                .body(body.encode())
                .post("/api/conversations/{cid}/turns", cid);
        if (response.statusCode() != 200) {
            throw new AssertionError("turn refused: " + response.statusCode() + " " + response.asString());
        }
        return parse(response.asString());
    }

    /** The text of the chunk events, concatenated. */
    public static String text(List<Event> events) {
        return events.stream().filter(e -> "chunk".equals(e.name())).map(e -> e.data().getString("text"))
                .collect(Collectors.joining());
    }

    public static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    /** The journal as its JSON lines. */
    public static List<JsonObject> journal(String cid) {
        String body = given().get("/api/conversations/{cid}/journal", cid).then().statusCode(200).extract().asString();
        return body.lines().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    }

    public static List<JsonObject> records(String cid, String type) {
        return journal(cid).stream().filter(r -> type.equals(r.getString("type"))).toList();
    }

    /** The text of the journaled chunks of a turn, concatenated. */
    public static String journaledText(String cid, int turn) {
        return records(cid, "chunk").stream().filter(r -> r.getInteger("turn") == turn)
                .map(r -> r.getString("text")).collect(Collectors.joining());
    }

    /** True once the conversation's journal file holds a chunk with exactly this text (read from disk). */
    public static BooleanSupplier journalHolds(String cid, String text) {
        Path file = Path.of("target", "journal-test", cid + ".jsonl");
        String record = "\"text\":" + new JsonArray().add(text).encode().replaceAll("^\\[|]$", "");
        return () -> {
            try {
                return Files.exists(file) && Files.readString(file).contains(record);
            } catch (IOException e) {
                return false;
            }
        };
    }

    public static JsonObject transcript(String cid) {
        return new JsonObject(given().get("/api/conversations/{cid}", cid).then().statusCode(200).extract().asString());
    }

    /** The transcript's last message (the assistant's answer to the last turn). */
    public static JsonObject lastMessage(String cid) {
        var messages = transcript(cid).getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }

    /**
     * Posts a turn on a raw socket, reads until {@code chunks} chunk events arrived, then closes the socket the way a
     * closed browser tab does. Returns {@link System#nanoTime()} right after the close.
     */
    public static long turnThenDisconnect(URI trueline, String cid, String prompt, int chunks) throws Exception {
        return turnThenDisconnect(trueline, cid, prompt, "chunk", chunks);
    }

    /** Like {@link #turnThenDisconnect(URI, String, String, int)}, leaving after {@code count} events {@code name}. */
    public static long turnThenDisconnect(URI trueline, String cid, String prompt, String name, int count)
            throws Exception {
        byte[] body = new JsonObject().put("prompt", prompt).encode().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(trueline.getHost(), trueline.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + cid + "/turns HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            int seen = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:") && line.substring(6).strip().equals(name) && ++seen == count) {
                    break;
                }
                if (line.startsWith("event:") && !line.substring(6).strip().matches("chunk|turn")) {
                    throw new AssertionError("the turn ended before the client left: " + line);
                }
            }
            if (seen < count) {
                throw new AssertionError("the stream closed after " + seen + " " + name + " events");
            }
        }
        return System.nanoTime();
    }

    static List<Event> parse(String stream) {
        List<Event> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            if (name != null) {
                events.add(new Event(id, name, new JsonObject(data.toString())));
            }
        }
        return events;
    }
}
