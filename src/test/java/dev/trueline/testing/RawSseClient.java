package dev.trueline.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * A client on a plain TCP socket: it sends one POST, reads the status and headers, then SSE events one at a time,
 * and can drop the connection at any point, exactly like a browser tab being closed. No HTTP library in between
 * that could buffer, retry or keep the connection alive.
 *
 * <p>
 * Events are read either one at a time by the caller ({@link #next()}, {@link #rest()}) or, for a client from
 * {@link #streamTurn(URI, String, String)}, by a thread of this client that records each event the moment it
 * arrives, so a test knows exactly what this client received, also when the server dies mid-stream.
 */
public final class RawSseClient implements AutoCloseable {

    private final Socket socket;
    // Set once the response head is read: by post() before it returns, or by the reader thread of streamTurn().
    private volatile int status;
    private volatile Map<String, String> headers = Map.of();
    private volatile BufferedReader events;
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final SseLines lines = new SseLines(comments::add);
    private volatile String errorBody;
    private volatile ChunkedInputStream chunked;
    private final List<SseEvent> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cleanEnd;
    private volatile Throwable failure;

    private RawSseClient(Socket socket) {
        this.socket = socket;
    }

    /** POSTs {@code json} to {@code url} and reads up to the end of the response headers. */
    public static RawSseClient post(URI url, String json) throws IOException {
        return post(new Socket(url.getHost(), url.getPort()), url, json);
    }

    /** Like {@link #post(URI, String)}, with {@code Authorization: authorization}. */
    public static RawSseClient postAuthorized(URI url, String json, String authorization) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(30_000);
        RawSseClient client = new RawSseClient(socket);
        client.send(url, json, false, "Authorization: " + authorization + "\r\n");
        client.readHead();
        return client;
    }

    /**
     * Like {@link #post(URI, String)}, on a socket whose receive buffer is set to {@code receiveBufferBytes} before it
     * connects: a client that then stops reading makes the server's writes stall soon (a slow client).
     */
    public static RawSseClient post(URI url, String json, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the TCP window is negotiated small
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
        return post(socket, url, json);
    }

    /**
     * POSTs {@code {"prompt": prompt}} to {@code root}{@code api/conversations/{conversation}/turns} and reads up to
     * the end of the response headers.
     */
    public static RawSseClient startTurn(URI root, String conversation, String prompt) throws IOException {
        return post(root.resolve("/api/conversations/" + conversation + "/turns"),
                new JsonObject().put("prompt", prompt).encode());
    }

    /**
     * POSTs {@code {"prompt": prompt}} to {@code root}{@code api/conversations/{conversation}/turns} and returns at
     * once: a thread of this client reads the response head and every event, recording each as it arrives
     * ({@link #received()}); {@link #await(Duration)} waits for the end. Many of these open many turns at once, as
     * many browsers would, without waiting for each other's response heads. {@link #status()} is 0 until the head
     * came; a refused request (status not 200) is finished once its body is read.
     */
    public static RawSseClient streamTurn(URI root, String conversation, String prompt) throws IOException {
        URI url = root.resolve("/api/conversations/" + conversation + "/turns");
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000); // no read timeout: await() bounds
        RawSseClient client = new RawSseClient(socket);
        client.send(url, new JsonObject().put("prompt", prompt).encode(), false);
        Thread reader = new Thread(client::readAll, "sse-" + conversation);
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /**
     * GETs {@code url} (a turn's events) with {@code lastEventId} as {@code Last-Event-ID} when it is not null, and
     * reads up to the end of the response headers: a resume, as a browser's EventSource makes it.
     */
    public static RawSseClient resume(URI url, String lastEventId) throws IOException {
        return resume(url, lastEventId, 0);
    }

    /** Like {@link #resume(URI, String)}, on a socket with a receive buffer of {@code receiveBufferBytes} (0: default). */
    public static RawSseClient resume(URI url, String lastEventId, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        RawSseClient client = new RawSseClient(socket);
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        String request = "GET " + url.getRawPath() + query + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.readHead();
        return client;
    }

    /** Like {@link #post(URI, String)}, with the body sent chunked (no {@code Content-Length}). */
    public static RawSseClient postChunked(URI url, String json) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(30_000);
        RawSseClient client = new RawSseClient(socket);
        client.send(url, json, true);
        client.readHead();
        return client;
    }

    private static RawSseClient post(Socket socket, URI url, String json) throws IOException {
        socket.setSoTimeout(30_000);
        RawSseClient client = new RawSseClient(socket);
        client.send(url, json, false);
        client.readHead();
        return client;
    }

    private void send(URI url, String json, boolean chunked) throws IOException {
        send(url, json, chunked, "");
    }

    private void send(URI url, String json, boolean chunked, String extraHeaders) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + extraHeaders
                + "Content-Type: application/json\r\n"
                + "Accept: text/event-stream\r\n"
                + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n"
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
        }
        out.flush();
    }

    private void readHead() throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ChunkedInputStream chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? new ChunkedInputStream(in)
                : null;
        InputStream bodyStream = chunked != null ? chunked : in;
        if (status >= 300 || status == 204) {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            this.errorBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        this.chunked = chunked;
        this.events = new BufferedReader(new InputStreamReader(bodyStream, StandardCharsets.UTF_8));
        this.headers = headers;
        this.status = status;
    }

    /** The reader thread of {@link #streamTurn}: the head, then every event until the end. */
    private void readAll() {
        try {
            readHead();
            if (errorBody == null) {
                for (SseEvent e = next(); e != null; e = next()) {
                    received.add(e);
                }
            }
            cleanEnd = errorBody != null || chunked == null || chunked.done; // no last chunk: broken, not ended
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            finished.countDown();
        }
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

    /**
     * The next event, or null when the server ended the response properly (its last chunk came). A connection that
     * breaks first (a reset, a dead server, a close in the middle of the body) throws an {@link IOException}, so a
     * test never takes a dropped stream for a finished one.
     */
    public SseEvent next() throws IOException {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            SseEvent event = lines.line(line);
            if (event != null) {
                return event;
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

    /**
     * Reads events until {@code chunks} {@code chunk} events arrived and returns those chunk events; the connection
     * stays open (close it to leave). Throws if the turn was refused or the stream ends first.
     */
    public List<SseEvent> readChunks(int chunks) throws IOException {
        if (status != 200) {
            throw new IOException("turn refused: " + status + " " + errorBody);
        }
        List<SseEvent> got = new ArrayList<>();
        while (got.size() < chunks) {
            SseEvent e = next();
            if (e == null) {
                throw new IOException("stream ended after " + got.size() + " chunks");
            }
            if ("chunk".equals(e.event())) {
                got.add(e);
            }
        }
        return got;
    }

    /** The events the background reader received so far, in arrival order. */
    public List<SseEvent> received() {
        return new ArrayList<>(received);
    }

    /** The {@code chunk} events the background reader received so far, in arrival order. */
    public List<SseEvent> chunks() {
        return received().stream().filter(e -> "chunk".equals(e.event())).toList();
    }

    /** The last event the background reader received, or null. */
    public SseEvent last() {
        List<SseEvent> all = received();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Waits until the background reader reached the end of the response; false if it did not within timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the background reader reached the end of the response (cleanly or not). */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Whether the response ended properly (its last chunk came), not by a reset or a dead server. */
    public boolean endedCleanly() {
        return cleanEnd;
    }

    /** Why the background reader stopped early, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Reads and discards whatever the kernel buffered until the server's close shows (end of stream or reset);
     * false if the connection is still open after 30 s of silence. For a client that stopped reading.
     */
    public boolean drainsToClose() throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** How long a read may wait for the server before it throws a {@link SocketTimeoutException}. */
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** {@link #close()} for cleanup code, where a failure to close changes nothing. */
    public void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Drops the connection without reading further, like a closed tab. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Drops the connection with a TCP reset (RST), as a network that fails or a process that dies does: no orderly
     * close, and whatever the server still had on its way is thrown away.
     */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
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

    /** A line of the chunked framing; the connection closing before it ends is a broken response. */
    private static String readBodyLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("the connection closed in the middle of the response body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes HTTP/1.1 chunked transfer encoding. The end of the response is its zero-size last chunk; the
     * connection closing anywhere before it throws an {@link java.io.EOFException}.
     */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private int remaining;
        private volatile boolean done;

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
                String size = readBodyLine(in);
                remaining = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (remaining == 0) {
                    done = true;
                    readBodyLine(in);
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                throw new java.io.EOFException("the connection closed in the middle of the response body");
            }
            remaining -= n;
            if (remaining == 0) {
                readBodyLine(in); // the CRLF after each chunk
            }
            return n;
        }
    }
}
