package dev.trueline.replicas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trueline.testing.Nginx;

/**
 * Where nginx sent each request of each conversation's turn 1, from its access log ({@code upstream=} names the
 * replica): the replica that generated it (the POST) and the ones that served its resumes.
 */
final class Landings {

    private static final Pattern TURN = Pattern.compile("/api/conversations/([A-Za-z0-9_-]+)/turns(/1/events)?");

    /** One conversation: the port of the replica its POST reached, and of each resume's. */
    record Turn(int generator, List<Integer> resumes) {

        /** Whether some resume was served by a replica other than the one generating the turn. */
        boolean resumedElsewhere() {
            return resumes.stream().anyMatch(port -> port != generator);
        }
    }

    private final Map<String, Integer> posts = new HashMap<>();
    private final Map<String, List<Integer>> resumes = new HashMap<>();

    Landings(List<String> accessLog) {
        for (String line : accessLog) {
            Nginx.AccessLine request = Nginx.AccessLine.parse(line);
            Matcher m = TURN.matcher(request.path());
            if (!m.matches()) {
                continue;
            }
            if (m.group(2) == null && request.method().equals("POST")) {
                posts.put(m.group(1), request.upstreamPort());
            } else if (m.group(2) != null && request.method().equals("GET")) {
                resumes.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(request.upstreamPort());
            }
        }
    }

    /** The conversation's turn as the log shows it, or null when its POST is not logged (yet). */
    Turn of(String conversation) {
        Integer generator = posts.get(conversation);
        return generator == null ? null : new Turn(generator, resumes.getOrDefault(conversation, List.of()));
    }

    /** Requests logged for {@code conversations}: a POST and its resumes each. */
    int requests(List<String> conversations) {
        return conversations.stream().mapToInt(c -> (posts.containsKey(c) ? 1 : 0)
                + resumes.getOrDefault(c, List.of()).size()).sum();
    }
}
