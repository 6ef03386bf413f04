package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-cli} ({@code /usr/bin/redis-cli}, or {@code TRUELINE_REDIS_CLI}) run once with a bounded wait:
 * what a test asks a Redis directly (a key, the cluster's state) and how it creates a Redis Cluster.
 */
public final class RedisCli {

    private static final Path CLI = Path.of(System.getenv().getOrDefault("TRUELINE_REDIS_CLI", "/usr/bin/redis-cli"));

    private RedisCli() {
    }

    /** {@code redis-cli -h 127.0.0.1 -p port args...}: its output; fails the test if it does not exit with 0. */
    public static String call(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    /** {@code redis-cli args...} (for {@code --cluster create}, which names its nodes itself). */
    public static String run(List<String> args) throws IOException, InterruptedException {
        if (!Files.isExecutable(CLI)) {
            throw new AssertionError(CLI + " not found: install it (apt-get install redis-tools, which redis-server"
                    + " pulls in) or point TRUELINE_REDIS_CLI at one");
        }
        List<String> command = new ArrayList<>(List.of(CLI.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes(); // ends when it exits: the wait below bounds the rest
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("redis-cli " + args + " did not exit within 30 s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("redis-cli " + args + " exited with " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
