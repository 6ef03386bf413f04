package dev.trueline.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client on a plain TCP socket: it sends one POST, reads the status and headers, then SSE events one at a time,
 * and can drop the connection at any point, exactly like a browser tab being closed. No HTTP library in between
 * that could buffer, retry or keep the connection alive.
 */
public final class RawSseClient implements AutoCloseable {

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final BufferedReader events;
    private final List<String> comments = new ArrayList<>();
    private final String errorBody;

    private RawSseClient(Socket socket, int status, Map<String, String> headers, BufferedReader events,
            String errorBody) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.events = events;
        this.errorBody = errorBody;
    }

    /** POSTs {@code json} to {@code url} and reads up to the end of the response headers. */
    public static RawSseClient post(URI url, String json) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(30_000);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: text/event-stream\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        InputStream bodyStream = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? new ChunkedInputStream(in)
                : in;
        String errorBody = null;
        if (status >= 300) {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            errorBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return new RawSseClient(socket, status, headers,
                new BufferedReader(new InputStreamReader(bodyStream, StandardCharsets.UTF_8)), errorBody);
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String errorBody() {
        return errorBody;
    }

    /** Comment lines (such as {@code ping}) seen so far, without the leading colon. */
    public List<String> comments() {
        return comments;
    }

    /** The next event, or null when the server ended the stream. */
    public SseEvent next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.isEmpty()) {
                if (data != null || event != null) {
                    return new SseEvent(id, event, data == null ? "" : data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
        return null;
    }

    /** Every remaining event until the server ends the stream. */
    public List<SseEvent> rest() throws IOException {
        List<SseEvent> all = new ArrayList<>();
        for (SseEvent e = next(); e != null; e = next()) {
            all.add(e);
        }
        return all;
    }

    /** Drops the connection without reading further, like a closed tab. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Decodes HTTP/1.1 chunked transfer encoding. */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private int remaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                String size = readLine(in);
                remaining = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (remaining == 0) {
                    done = true;
                    readLine(in);
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                return -1;
            }
            remaining -= n;
            if (remaining == 0) {
                readLine(in); // the CRLF after each chunk
            }
            return n;
        }
    }
}
