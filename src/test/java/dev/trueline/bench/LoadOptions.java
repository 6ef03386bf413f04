package dev.trueline.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line. Every run is bounded: in time by {@code --warmup + --measure} (or the turn
 * budget) plus {@code --timeout} for the drain, and in connections by {@code --concurrency}.
 *
 * @param url the server's root, on 127.0.0.1
 * @param protocol which server it is
 * @param mode {@code turns} (streams of new turns) or {@code resume} (S5: resumes of finished turns)
 * @param concurrency streams in flight at once
 * @param warmupSeconds load before the measured window
 * @param measureSeconds the measured window; 0 with a turn budget means "until the budget is spent"
 * @param maxTurns turns to start in all, 0 for as many as the window allows
 * @param chunks chunks a complete answer has (0 if unknown): a stream with another count is an error
 * @param prompt the prompt of every turn
 * @param rampPerSecond new connections opened per second while ramping up; 0 opens them all at once
 * @param disconnectAfter leave each stream after this many chunks (0: read to the end)
 * @param resume after leaving, resume with {@code Last-Event-ID} (Trueline only)
 * @param serverPids the server's processes (with their descendants), whose CPU and peak RSS are read from /proc and
 *        summed: the server, and the redis-server it journals to with {@code --journal redis}
 *        ({@code --server-pid P[,P...]}; empty: not measured)
 * @param eventLoops event loops of the client (one per core it may use)
 * @param timeoutSeconds longest wait for the drain after the window
 * @param conversationTurns S5: the sizes of the conversations whose finished turns are resumed
 * @param resumes S5: resumes per conversation size
 * @param out where to write the JSON result (null: the last line of stdout)
 */
record LoadOptions(URI url, Protocol protocol, String mode, int concurrency, double warmupSeconds,
        double measureSeconds, int maxTurns, int chunks, String prompt, int rampPerSecond, int disconnectAfter,
        boolean resume, List<Long> serverPids, int eventLoops, double timeoutSeconds, List<Integer> conversationTurns,
        int resumes, String out) {

    static LoadOptions parse(String... args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            a.put(key, flag ? "true" : args[++i]);
        }
        LoadOptions o = new LoadOptions(URI.create(a.getOrDefault("url", "http://127.0.0.1:8080")),
                Protocol.of(a.getOrDefault("protocol", "trueline")), a.getOrDefault("mode", "turns"),
                Integer.parseInt(a.getOrDefault("concurrency", "10")),
                Double.parseDouble(a.getOrDefault("warmup", "0")), Double.parseDouble(a.getOrDefault("measure", "0")),
                Integer.parseInt(a.getOrDefault("turns", "0")), Integer.parseInt(a.getOrDefault("chunks", "0")),
                a.getOrDefault("prompt", "bench"), Integer.parseInt(a.getOrDefault("ramp", "0")),
                Integer.parseInt(a.getOrDefault("disconnect-after", "0")), Boolean.parseBoolean(a.get("resume")),
                pids(a.getOrDefault("server-pid", "")), Integer.parseInt(a.getOrDefault("event-loops", "1")),
                Double.parseDouble(a.getOrDefault("timeout", "120")),
                Arrays.stream(a.getOrDefault("conversation-turns", "10,1000").split(",")).map(Integer::parseInt)
                        .toList(),
                Integer.parseInt(a.getOrDefault("resumes", "1000")), a.get("out"));
        o.validate();
        return o;
    }

    private static List<Long> pids(String list) {
        return Arrays.stream(list.split(",")).filter(p -> !p.isBlank()).map(Long::parseLong).filter(p -> p > 0)
                .toList();
    }

    private void validate() {
        if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
            throw new IllegalArgumentException("load goes to 127.0.0.1 only, not " + url.getHost());
        }
        if (measureSeconds <= 0 && maxTurns <= 0 && "turns".equals(mode)) {
            throw new IllegalArgumentException("unbounded run: give --measure SECONDS or --turns N");
        }
        if (concurrency < 1 || concurrency > 20_000) {
            throw new IllegalArgumentException("--concurrency must be 1..20000");
        }
        if (resume && protocol != Protocol.TRUELINE) {
            throw new IllegalArgumentException("--resume needs Last-Event-ID: Trueline only");
        }
        if (resume && disconnectAfter <= 0) {
            throw new IllegalArgumentException("--resume needs --disconnect-after K");
        }
    }
}
