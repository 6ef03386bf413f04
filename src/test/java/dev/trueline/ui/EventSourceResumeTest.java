package dev.trueline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The browser's own {@code EventSource}, with no code of ours in between: pointed at a turn's events through a
 * proxy that cuts every connection over and over, it reconnects by itself with {@code Last-Event-ID}, ends up with
 * the whole reply and no chunk twice, and once it has the end it stops (the server answers its reconnect with 204).
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
class EventSourceResumeTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEventSourceCutSeveralTimesReconnectsByItselfAndEndsWithTheWholeReply() throws Exception {
        String cid = JournalFiles.newId("eventsource");
        String prompt = "cut me often #chunks=120 #delay-ms=25";
        // the turn is started by another client, which leaves at once: the answer goes on within the grace
        try (RawSseClient starter = RawSseClient.startTurn(root.toURI(), cid, prompt)) {
            starter.next();
        }
        try (CuttingProxy network = new CuttingProxy(root)) {
            browser.driver.get(network.url() + "favicon.svg"); // same origin as the stream, no page script
            browser.driver.executeScript("window.__chunks = []; window.__opens = 0; window.__end = null;"
                    + "const es = new EventSource('/api/conversations/" + cid + "/turns/1/events');"
                    + "window.__es = es;"
                    + "es.onopen = () => window.__opens++;"
                    + "es.addEventListener('chunk', e => window.__chunks.push([e.lastEventId, JSON.parse(e.data)]));"
                    + "es.addEventListener('end', e => window.__end = e.lastEventId);");
            // cut every connection, several times, while the answer streams
            int cuts = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (script("return window.__end") == null && System.nanoTime() < deadline) {
                Thread.sleep(400);
                network.cutAll();
                cuts++;
            }
            assertTrue(cuts >= 3, "the stream was not cut often enough: " + cuts);
            assertEquals("1:end", script("return window.__end"));
            // it asked again after the end, got 204, and closed for good
            new WebDriverWait(browser.driver, Browser.PATIENCE)
                    .until(d -> ((Number) script("return window.__es.readyState")).intValue() == 2);

            @SuppressWarnings("unchecked")
            List<List<Object>> chunks = (List<List<Object>>) script("return window.__chunks");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                String id = (String) chunks.get(i).get(0);
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) chunks.get(i).get(1);
                assertEquals("1:" + (i + 1), id, "no chunk twice, none missing, in order");
                texts.add((String) data.get("text"));
            }
            assertEquals(ScriptedReply.chunks(prompt, 120), texts);
            long opens = ((Number) script("return window.__opens")).longValue();
            assertTrue(opens >= 3, "it reconnected by itself " + opens + " times");
        }
    }

    private static Object script(String js) {
        return browser.driver.executeScript(js);
    }
}
