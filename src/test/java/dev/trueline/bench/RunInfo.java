package dev.trueline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * What a figure needs beside it to mean anything: when, which commit (with {@code -dirty} for uncommitted
 * changes), which machine, how busy it was (the load average: this machine is shared), and the exact command.
 */
record RunInfo(String when, String commit, String machine, String load, String command) {

    static RunInfo now(String command) {
        return new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), headCommit(), describeMachine(),
                loadAverage(), command);
    }

    /** The load average now, read again after a run to show how busy the machine was meanwhile. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    String markdown() {
        return "- when: " + when + "\n- commit: `" + commit + "`\n- machine: " + machine
                + "\n- load average before the run (1, 5, 15 min): " + load + "\n- command: `" + command + "`\n";
    }

    private static String headCommit() {
        String head = exec("git", "rev-parse", "--short=12", "HEAD");
        String dirty = exec("git", "status", "--porcelain", "--untracked-files=no");
        return head.isEmpty() ? "unknown" : head + (dirty.isEmpty() ? "" : "-dirty");
    }

    private static String describeMachine() {
        String cpu = "?";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException ignored) {
            // not Linux: the rest still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKib / 1024 / 1024)
                + " GiB, Linux " + exec("uname", "-r") + ", Java " + System.getProperty("java.version") + ", "
                + exec("/usr/bin/python3", "--version");
    }

    private static String exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
