package dev.trueline.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks to a running Trueline over real HTTP: whole turns with the JDK client, and turns cut short by closing a
 * raw socket, the way a browser tab that is closed leaves.
 */
final class TurnClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TurnClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A response: status, content type and body. */
    record Response(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** Runs a whole turn and returns its response; the body is the complete SSE stream. */
    Response turn(String cid, String prompt) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("prompt", prompt).toString();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/conversations/" + cid + "/turns"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /**
     * Starts a turn on a raw socket, reads until {@code chunks} chunk events arrived, then closes the connection.
     * Returns the chunk events received.
     */
    List<SseEvent> turnAndLeaveAfter(String cid, String prompt, int chunks) throws IOException {
        byte[] body = JSON.createObjectNode().put("prompt", prompt).toString().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + cid + "/turns HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("turn refused: " + head);
            }
            boolean chunked = head.toLowerCase().contains("transfer-encoding: chunked");
            StringBuilder sse = new StringBuilder();
            while (true) {
                List<SseEvent> received = SseEvent.parseAll(sse.toString()).stream()
                        .filter(e -> "chunk".equals(e.event())).toList();
                if (received.size() >= chunks) {
                    return received;
                }
                byte[] piece = chunked ? readHttpChunk(in) : readSome(in);
                if (piece == null) {
                    throw new IOException("stream ended after " + received.size() + " chunks");
                }
                sse.append(new String(piece, StandardCharsets.UTF_8));
            }
        } // closing the socket is the disconnect
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private URI uri(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One chunk of a chunked HTTP body, or null at its end. */
    private static byte[] readHttpChunk(InputStream in) throws IOException {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
            return null;
        }
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            return null;
        }
        byte[] data = in.readNBytes(size);
        readLine(in); // the CRLF after the data
        return data.length < size ? null : data;
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int n = in.read(buf);
        return n < 0 ? null : java.util.Arrays.copyOf(buf, n);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }
}
