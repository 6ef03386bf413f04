package dev.trueline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * 1,000 generated conversation ids and paths, each sent twice (2,000 requests) (traversal in every spelling, encodings, Unicode
 * look-alikes, very long,
 * reserved device names, random bytes), sent byte for byte to every endpoint and to the page's files: none answers
 * 500, none answers with a file outside the journal directory, and afterwards the files next to the journal
 * directory are exactly as before, the journal directory holds only {@code <valid id>.jsonl} files, and no file named
 * after a payload exists anywhere the payloads aim.
 */
@QuarkusTest
@TestProfile(PathFuzzTest.Sandbox.class)
class PathFuzzTest {

    static final Path SANDBOX = Path.of("target", "fuzz-sandbox").toAbsolutePath();
    static final Path JOURNAL = SANDBOX.resolve("journal");
    /** In every payload's target name, so a file a payload created is found by name. */
    static final String MARK = "fzmark7q";
    /** In every canary file, so a canary served back is found in an answer. */
    static final String CANARY = "CANARY-" + MARK + "-content";
    private static final Pattern STORED = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.jsonl");
    private static final long SEED = 20261201L;
    private static final int IDS = 1000;
    /** Endpoints each id is sent to, picked at random among the eight of {@link #request}. */
    private static final int TRIES_PER_ID = 2;

    /** A journal of its own inside a sandbox whose other files are the canaries. */
    public static class Sandbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            prepareSandbox();
            return Map.of("trueline.journal.dir", JOURNAL.toString());
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void generatedIdsAndPathsNeverReachOutsideTheJournalNorAnswer500() throws Exception {
        Map<Path, String> before = snapshotOutsideJournal();
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> ids = ids(new Random(SEED));
        assertEquals(IDS, ids.size());
        Random pick = new Random(SEED + 1);
        for (int i = 0; i < IDS * TRIES_PER_ID; i++) {
            String id = ids.get(i / TRIES_PER_ID);
            String[] request = request(id, pick.nextInt(8));
            RawHttp raw = RawHttp.request(root, request[0], request[1]);
            if (request[0].equals("POST") || request[0].equals("DELETE")) {
                raw.header("Content-Type", "application/json");
            }
            if (request[1].endsWith("/turns")) {
                raw.body("{\"prompt\":\"fuzz #chunks=1 #delay-ms=1\"}".getBytes(StandardCharsets.UTF_8));
            }
            RawHttp.Response response;
            try {
                response = raw.send();
            } catch (IOException refusedByTheCodec) {
                statuses.merge(0, 1, Integer::sum);
                continue; // the HTTP codec closed the connection on a request line it cannot parse: nothing served
            }
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() >= 500) {
                problems.add(response.status() + " for " + request[0] + " " + request[1] + ": " + response.body());
            }
            if (response.body().contains(CANARY) || response.body().contains("quarkus.http.auth.permission")
                    || response.body().contains("<artifactId>trueline</artifactId>")) {
                problems.add("a file outside the journal was served for " + request[0] + " " + request[1]);
            }
        }
        System.out.println("PathFuzzTest: answers by status (0: connection closed by the codec): " + statuses);
        assertEquals(List.of(), problems.stream().limit(10).toList(), problems.size() + " bad answers");
        assertEquals(before, snapshotOutsideJournal(), "files next to the journal directory changed");
        try (Stream<Path> stored = Files.walk(JOURNAL)) {
            List<String> odd = stored.filter(p -> !p.equals(JOURNAL))
                    .filter(p -> !Files.isRegularFile(p) || !STORED.matcher(p.getFileName().toString()).matches())
                    .map(Path::toString).toList();
            assertEquals(List.of(), odd, "the journal directory holds something that is not <id>.jsonl");
        }
        assertEquals(List.of(), filesNamedAfterAPayload(), "a payload created a file");
    }

    /** One of eight requests for {@code id}: the endpoints, and paths outside the API. */
    private static String[] request(String id, int kind) {
        String c = "/api/conversations/";
        return switch (kind) {
            case 0 -> new String[] { "GET", c + id };
            case 1 -> new String[] { "GET", c + id + "/journal" };
            case 2 -> new String[] { "POST", c + id + "/turns" };
            case 3 -> new String[] { "POST", c + id + "/turns/1/stop" };
            case 4 -> new String[] { "DELETE", c + id };
            case 5 -> new String[] { "GET", "/" + id };
            case 6 -> new String[] { "GET", "/js/" + id };
            default -> new String[] { "GET", "/api/" + id };
        };
    }

    /** The raw path segments to try, as they go on the wire. */
    static List<String> ids(Random random) {
        List<String> ids = new ArrayList<>();
        String target = MARK + "-x";
        for (String up : List.of("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "%c0%ae%c0%ae", "..%00",
                "\u2025", "%e2%80%a5", "．．", "%ef%bc%8e%ef%bc%8e")) {
            for (String slash : List.of("/", "%2f", "%2F", "%252f", "\\", "%5c", "%c0%af", "\u2215", "%e2%88%95",
                    "／", ";/", "//")) {
                ids.add(up + slash + target);
                ids.add(up + slash + up + slash + up + slash + "canary");
                ids.add(up + slash + "journal-sibling" + slash + "canary");
            }
        }
        for (String name : List.of("canary", "canary.jsonl", "..", ".", "", "%00", "a%00b", MARK + "%00.jsonl",
                "%2ftmp%2f" + target, "/tmp/" + target, "~", "%7e", "journal", "..%2fjournal-sibling%2fcanary",
                "WEB-INF", "META-INF%2fresources%2f..%2f..%2fapplication.properties", "..%2f..%2fpom.xml",
                "../../application.properties", "%2e%2e%2f%2e%2e%2f%2e%2e%2fpom.xml")) {
            ids.add(name);
        }
        for (String device : List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9", "con", "nul",
                "CON.txt", "NUL.jsonl", "CONIN$", "CONOUT$", "CLOCK$", "COM%c2%b9", "CON%20", "AUX.", "nul:")) {
            ids.add(device);
        }
        for (int length : List.of(64, 65, 255, 256, 1024, 4000, 5000, 70_000)) {
            ids.add("a".repeat(length));
        }
        for (String unicode : List.of("caf\u00e9", "cafe%cc%81", "%f0%9f%98%80", "\ud83d\ude00", "%e2%80%ae" + MARK,
                "\u202e" + MARK, "ｃａｎａｒｙ", "%ef%bc%a3ON", "%ff%fe", "%c3%28", "%ed%a0%80", "\u0000", "%0a",
                "%0d%0aX-Injected:%20yes", "a b", "a+b", "a%20b", "%", "%zz", "%2", "a?b", "a#b", "a;b")) {
            ids.add(unicode);
        }
        String alphabet = "abcXYZ019_-.%/\\:;*?\"<>|~ \u00e9\u2215\uff0e\u0130";
        while (ids.size() < IDS) {
            StringBuilder id = new StringBuilder();
            for (int n = 1 + random.nextInt(70); n > 0; n--) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(id.toString().replace(" ", "%20"));
        }
        return ids;
    }

    static void prepareSandbox() {
        try {
            if (Files.exists(SANDBOX)) {
                try (Stream<Path> old = Files.walk(SANDBOX)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(JOURNAL);
            String journal = "{\"type\":\"conversation\",\"v\":1,\"id\":\"canary\",\"created\":\"2026-12-01T00:00:00Z\"}\n"
                    + "{\"type\":\"user\",\"turn\":1,\"ts\":\"2026-12-01T00:00:01Z\",\"text\":\"" + CANARY + "\"}\n";
            for (String canary : List.of("canary.jsonl", "canary", "outside/canary.jsonl",
                    "journal-sibling/canary.jsonl", "journal-sibling/canary")) {
                Path file = SANDBOX.resolve(canary);
                Files.createDirectories(file.getParent());
                Files.writeString(file, journal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the sandbox outside the journal directory, with a hash of its content. */
    private static Map<Path, String> snapshotOutsideJournal() throws Exception {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(SANDBOX)) {
            for (Path p : all.filter(p -> !p.startsWith(JOURNAL)).toList()) {
                files.put(SANDBOX.relativize(p), Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    /** Files whose name holds {@link #MARK}: under target/, in the project's root, in /tmp. */
    private static List<Path> filesNamedAfterAPayload() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path place : List.of(Path.of("target").toAbsolutePath(), Path.of("").toAbsolutePath(), Path.of("/tmp"))) {
            int depth = place.endsWith("target") ? Integer.MAX_VALUE : 1;
            try (Stream<Path> files = Files.walk(place, depth)) {
                files.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(MARK))
                        .forEach(found::add);
            } catch (UncheckedIOException unreadable) {
                // a directory of another user in /tmp: not one this app could have written either
            }
        }
        return found;
    }
}
