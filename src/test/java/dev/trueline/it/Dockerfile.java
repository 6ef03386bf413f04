package dev.trueline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The instructions of a Dockerfile that decide how the app is started: {@code ENV}, {@code WORKDIR}, {@code USER},
 * {@code COPY}, {@code VOLUME}, {@code ENTRYPOINT} and {@code CMD} (exec form). Enough to run the image's command
 * without an engine; {@code FROM} and {@code RUN} are left to the reader of the check.
 */
record Dockerfile(Map<String, String> env, String workdir, String user, List<Copy> copies, List<String> volumes,
        List<String> entrypoint, List<String> cmd) {

    /** {@code COPY [--chown=...] source... destination}. */
    record Copy(String chown, List<String> sources, String destination) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S*))");

    static Dockerfile parse(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = "/";
        String user = "root";
        List<Copy> copies = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        for (String line : instructions(Files.readString(file))) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String args = parts.length > 1 ? parts[1].trim() : "";
            switch (keyword) {
                case "ENV" -> {
                    Matcher m = ENV_PAIR.matcher(args);
                    while (m.find()) {
                        String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1")
                                : m.group(4) != null ? m.group(4) : m.group(5);
                        env.put(m.group(1), value);
                    }
                }
                case "WORKDIR" -> workdir = args;
                case "USER" -> user = args;
                case "VOLUME" -> volumes.add(args);
                case "COPY" -> {
                    List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
                    String chown = null;
                    while (words.get(0).startsWith("--")) {
                        String flag = words.remove(0);
                        if (flag.startsWith("--chown=")) {
                            chown = flag.substring("--chown=".length());
                        }
                    }
                    copies.add(new Copy(chown, words.subList(0, words.size() - 1), words.get(words.size() - 1)));
                }
                case "ENTRYPOINT" -> entrypoint = execForm(args);
                case "CMD" -> cmd = execForm(args);
                default -> {
                }
            }
        }
        return new Dockerfile(env, workdir, user, copies, volumes, entrypoint, cmd);
    }

    /** The command the container runs: ENTRYPOINT followed by CMD. */
    List<String> command() {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return command;
    }

    private static List<String> execForm(String args) throws IOException {
        if (!args.startsWith("[")) {
            throw new IllegalArgumentException("only the exec form is supported: " + args);
        }
        List<String> words = new ArrayList<>();
        new ObjectMapper().readTree(args).forEach(w -> words.add(w.asText()));
        return words;
    }

    /** Instructions one per element: comments dropped, continuation lines joined. */
    private static List<String> instructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (current.length() > 0) {
                instructions.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return instructions;
    }
}
