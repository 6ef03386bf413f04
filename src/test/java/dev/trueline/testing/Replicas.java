package dev.trueline.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Several replicas of the packaged app ({@link AppProcess}), started side by side with the same configuration (a
 * shared journal, such as one Redis), each with its own port, journal directory and log file ({@code replica-<i>.log}
 * under the directory given, kept for post-mortems). Closed replica by replica, by PID.
 */
public final class Replicas implements AutoCloseable {

    private static final List<String> JVM = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75.0",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m");

    private final List<AppProcess> apps;

    private Replicas(List<AppProcess> apps) {
        this.apps = apps;
    }

    /**
     * Starts {@code count} replicas at once with {@code props}; returns once every one answers. Each runs with the
     * small-footprint JVM settings of docs/operating.md (C1 only, serial GC), so that several fit on a small machine
     * beside the test.
     */
    public static Replicas start(int count, Map<String, String> props, Path dir) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(count);
        List<Future<AppProcess>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            started.add(starting.submit(() -> AppProcess.start(dir.resolve("journal-" + n), JVM, props,
                    dir.resolve("replica-" + n + ".log"))));
        }
        starting.shutdown();
        List<AppProcess> apps = new ArrayList<>();
        Exception failed = null;
        for (Future<AppProcess> f : started) {
            try {
                apps.add(f.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed = failed == null ? e : failed;
            }
        }
        Replicas replicas = new Replicas(apps);
        if (failed != null) {
            replicas.close();
            throw failed;
        }
        return replicas;
    }

    public AppProcess get(int i) {
        return apps.get(i);
    }

    public List<AppProcess> all() {
        return apps;
    }

    public int size() {
        return apps.size();
    }

    /** The public ports, in replica order: what a load balancer is given. */
    public List<Integer> ports() {
        return apps.stream().map(AppProcess::port).toList();
    }

    /** The replica listening on {@code port}, or -1. */
    public int indexOfPort(int port) {
        return ports().indexOf(port);
    }

    @Override
    public void close() throws InterruptedException {
        for (AppProcess app : apps) {
            app.close();
        }
    }
}
