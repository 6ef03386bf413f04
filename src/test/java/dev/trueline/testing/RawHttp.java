package dev.trueline.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * One HTTP/1.1 exchange on a plain socket, for requests an HTTP library would refuse to send or would fix on the
 * way: a path with a bad escape or a {@code ;}, a request line or headers over the limits, a chunked body over the
 * size limit. The body is written while the server lets it (a server refusing early may close the socket mid-body,
 * which is what such a test wants to see); the answer is read up to its {@code Content-Length}.
 */
public final class RawHttp {

    private final URI server;
    private final String method;
    private final String rawPath;
    private final List<String> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;
    private String host;

    private RawHttp(URI server, String method, String rawPath) {
        this.server = server;
        this.method = method;
        this.rawPath = rawPath;
    }

    /** A request of {@code method} for {@code rawPath}, sent byte for byte as given (no encoding, no normalizing). */
    public static RawHttp request(URI server, String method, String rawPath) {
        return new RawHttp(server, method, rawPath);
    }

    /**
     * Sends {@code Host: value} instead of the server's own host and port; {@code ""} sends no {@code Host} header at
     * all.
     */
    public RawHttp host(String value) {
        this.host = value;
        return this;
    }

    public RawHttp header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** A body sent with its {@code Content-Length}, or in 16 KiB chunks after {@link #chunked()}. */
    public RawHttp body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Sends the body with {@code Transfer-Encoding: chunked}, so the server learns its length only by reading it. */
    public RawHttp chunked() {
        this.chunked = true;
        return this;
    }

    public Response send() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n");
            String hostHeader = host != null ? host : server.getHost() + ":" + server.getPort();
            if (!hostHeader.isEmpty()) {
                head.append("Host: ").append(hostHeader).append("\r\n");
            }
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            try {
                if (body != null) {
                    writeBody(out);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed without reading the rest: its answer is still in our buffer
            }
            return Response.read(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private void writeBody(OutputStream out) throws IOException {
        if (!chunked) {
            out.write(body);
            return;
        }
        for (int at = 0; at < body.length; at += 16 * 1024) {
            int n = Math.min(16 * 1024, body.length - at);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A JSON body {@code {"prompt":"xxx..."}} of exactly {@code length} bytes. */
    public static byte[] promptBodyOf(int length) {
        byte[] prefix = "{\"prompt\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(suffix, 0, bytes, length - suffix.length, suffix.length);
        return bytes;
    }

    /**
     * The answer: status, headers (names in lower case) and the body as text: read up to its
     * {@code Content-Length}, to its last chunk, or, with neither, to the end of the connection.
     */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            return new JsonObject(body);
        }

        static Response read(InputStream in, boolean head) throws IOException {
            String statusLine = line(in);
            // a 100 Continue may come first when the server reads the body (curl-like clients ask for it)
            while (statusLine.startsWith("HTTP/1.1 100")) {
                line(in);
                statusLine = line(in);
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if (head) {
                body = new byte[0];
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunks(in);
            } else {
                assertTrue("close".equalsIgnoreCase(headers.get("connection")) || status == 204 || status == 304,
                        () -> "no length and no close in " + headers);
                body = status == 204 || status == 304 ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] chunks(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0; size = Integer
                    .parseInt(line(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in); // the CRLF after the chunk
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // trailers are ignored
            }
            return body.toByteArray();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-line after '" + line + "'");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
