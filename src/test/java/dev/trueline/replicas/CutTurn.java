package dev.trueline.replicas;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;

/**
 * One turn whose client is cut twice and resumes each time the way a browser's EventSource does: a new request,
 * through the load balancer, with the id of the last event it received as {@code Last-Event-ID}. What it received,
 * in order, over its three responses.
 *
 * @param conversation the conversation, new for this turn (its turn 1)
 * @param prompt what was asked, directives included
 * @param events every event received, the responses one after the other
 * @param resumes how many times it resumed (2, fewer when the turn ended before a cut)
 */
record CutTurn(String conversation, String prompt, List<SseEvent> events, int resumes) {

    /**
     * Starts turn 1 of {@code conversation} through {@code root}, reads {@code firstCut} chunks and drops the
     * connection (a TCP reset when {@code reset}, else a close), resumes and reads {@code secondCut} more, drops it
     * again, and resumes to the end. A turn that ends before a cut is read to its end.
     */
    static CutTurn run(URI root, String conversation, String prompt, int firstCut, int secondCut, boolean reset)
            throws IOException {
        List<SseEvent> events = new ArrayList<>();
        RawSseClient client = RawSseClient.startTurn(root, conversation, prompt);
        if (client.status() != 200) {
            throw new AssertionError(conversation + ": turn refused: " + client.status() + " " + client.errorBody());
        }
        int resumes = 0;
        for (int cut : new int[] { firstCut, secondCut, Integer.MAX_VALUE }) {
            boolean ended = read(client, cut, events);
            if (ended) {
                client.close();
                return new CutTurn(conversation, prompt, events, resumes);
            }
            if (reset) {
                client.reset();
            } else {
                client.close();
            }
            String lastEventId = events.get(events.size() - 1).id();
            client = RawSseClient.resume(root.resolve("/api/conversations/" + conversation + "/turns/1/events"),
                    lastEventId);
            resumes++;
            if (client.status() != 200) {
                throw new AssertionError(conversation + ": resume after " + lastEventId + " refused: "
                        + client.status() + " " + client.errorBody());
            }
        }
        throw new AssertionError("unreachable: the last read goes to the end");
    }

    /** Reads until {@code chunks} chunk events came (false) or the stream ended (true). */
    private static boolean read(RawSseClient client, int chunks, List<SseEvent> into) throws IOException {
        int read = 0;
        while (read < chunks) {
            SseEvent event = client.next();
            if (event == null) {
                return true;
            }
            into.add(event);
            if ("chunk".equals(event.event())) {
                read++;
            }
        }
        return false;
    }

    /** The chunk events received, in order. */
    List<SseEvent> chunks() {
        return events.stream().filter(e -> "chunk".equals(e.event())).toList();
    }

    /** The last event received. */
    SseEvent last() {
        return events.get(events.size() - 1);
    }
}
