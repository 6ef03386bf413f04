package dev.trueline.durability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One turn over a raw socket: writes the POST by hand, decodes HTTP/1.1 chunked transfer and SSE, and records every
 * event and comment the moment it arrived, so a test knows exactly what this client received, also when the server
 * dies mid-stream. A real client in the sense that matters: a TCP connection, nothing in between.
 */
final class SseStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE event as received. */
    record Event(String id, String name, JsonNode data) {
    }

    private final Socket socket;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int status;
    private volatile String body = "";
    private volatile boolean cleanEnd;
    private volatile Throwable broken;

    private SseStream(Socket socket) {
        this.socket = socket;
    }

    /** Opens the turn and reads it on a thread of its own. */
    static SseStream open(int port, String conversation, String prompt) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        SseStream stream = new SseStream(socket);
        stream.send(conversation, prompt);
        Thread reader = new Thread(stream::read, "sse-" + conversation);
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private void send(String conversation, String prompt) throws IOException {
        byte[] json = JSON.writeValueAsBytes(java.util.Map.of("prompt", prompt));
        String head = "POST /api/conversations/" + conversation + "/turns HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: text/event-stream\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            String statusLine = line(in);
            status = Integer.parseInt(statusLine.split(" ")[1]);
            boolean chunked = false;
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            InputStream payload = chunked ? new ChunkedInput(in) : in;
            if (status != 200) {
                body = new String(length >= 0 ? payload.readNBytes((int) length) : payload.readAllBytes(),
                        StandardCharsets.UTF_8);
                cleanEnd = true;
                return;
            }
            parseEvents(payload);
            cleanEnd = true;
        } catch (IOException | RuntimeException e) {
            broken = e;
        } finally {
            finished.countDown();
        }
    }

    private void parseEvents(InputStream in) throws IOException {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line = lineOrNull(in); line != null; line = lineOrNull(in)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(id, name, JSON.readTree(data.toString())));
                }
                id = null;
                name = null;
                data = null;
            } else if (line.startsWith(":")) {
                comments.add(line);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5));
            }
        }
    }

    int status() {
        return status;
    }

    /** The body of a refused request (problem+json). */
    String body() {
        return body;
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<String> comments() {
        return new ArrayList<>(comments);
    }

    /** The chunk events received, in arrival order. */
    List<Event> chunks() {
        return events().stream().filter(e -> "chunk".equals(e.name())).toList();
    }

    /** The last event received, or null. */
    Event last() {
        List<Event> all = events();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Whether the response ended properly (not by a reset or a dead server). */
    boolean endedCleanly() {
        return cleanEnd;
    }

    Throwable failure() {
        return broken;
    }

    boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static String line(InputStream in) throws IOException {
        String line = lineOrNull(in);
        if (line == null) {
            throw new IOException("connection closed in the middle of the response head");
        }
        return line;
    }

    /** A line without its {@code \n} (and {@code \r}); null at a clean end of stream. */
    private static String lineOrNull(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        if (buf.size() > 0) {
            throw new IOException("connection closed in the middle of a line");
        }
        return null;
    }

    /** HTTP/1.1 chunked transfer decoding; a missing last chunk is an abrupt end, reported as an IOException. */
    private static final class ChunkedInput extends InputStream {

        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed inside a chunk");
            }
            if (--left == 0) {
                line(in); // the CRLF after each chunk's data
            }
            return b;
        }
    }
}
