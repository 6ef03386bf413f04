package dev.trueline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and peak resident memory of a server process and its descendants (uvicorn with several workers forks
 * them), read from {@code /proc}: {@code utime + stime} of {@code /proc/<pid>/stat} and {@code VmHWM} of
 * {@code /proc/<pid>/status}. The peak of several processes is the sum of their peaks, an upper bound. With
 * {@code --journal redis} the harness's redis-server is one of the processes ({@link ServerProcess#pids()}).
 */
record ProcStats(double cpuSeconds, long peakRssKib) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;

    static ProcStats of(long pid) {
        return of(List.of(pid));
    }

    /** The sum over several processes and their descendants: a server and the redis-server it journals to. */
    static ProcStats of(List<Long> pids) {
        double cpu = 0;
        long rss = 0;
        for (long pid : pids) {
            for (long p : tree(pid)) {
                cpu += cpuSeconds(p);
                rss += peakRssKib(p);
            }
        }
        return new ProcStats(cpu, rss);
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the command name in parentheses: state is field 3, utime 14 and stime 15 of the whole line
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException gone) {
            return 0; // exited meanwhile
        }
    }

    private static long peakRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited meanwhile
        }
        return 0;
    }

    /** The process and every live descendant, found through the parent ids in {@code /proc/<pid>/stat}. */
    private static List<Long> tree(long root) {
        List<long[]> parents = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        try {
                            String stat = Files.readString(Path.of("/proc", n, "stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            parents.add(new long[] { Long.parseLong(n), Long.parseLong(f[1]) });
                        } catch (IOException | RuntimeException gone) {
                            // exited meanwhile
                        }
                    });
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> found = new ArrayList<>(List.of(root));
        for (int i = 0; i < found.size(); i++) {
            long parent = found.get(i);
            parents.stream().filter(pp -> pp[1] == parent).forEach(pp -> found.add(pp[0]));
        }
        return found;
    }
}
