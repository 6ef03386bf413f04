package dev.trueline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A page on another origin, in a real Chromium, tries what a malicious site could against a Trueline on
 * {@code localhost} in {@code none} mode (the default, no credential to steal): {@code fetch} with
 * {@code mode: 'no-cors'}, and a form posted as {@code text/plain}, to start a turn and to stop one. Each request
 * reaches the server (the fetch resolves with an opaque answer) and changes nothing, as the journal shows. And the
 * chat page itself runs under its Content-Security-Policy without a single violation.
 */
@QuarkusTest
class CrossOriginTest {

    private static Browser browser;
    private static Vertx vertx;
    private static HttpServer elsewhere;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startTheBrowserAndTheOtherSite() throws Exception {
        browser = Browser.start();
        vertx = Vertx.vertx();
        // another origin: another host name and port than the app's http://localhost:<port>
        elsewhere = vertx.createHttpServer()
                .requestHandler(request -> request.response().putHeader("Content-Type", "text/html")
                        .end("<!doctype html><title>Elsewhere</title><iframe name=\"sink\"></iframe>"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void aForeignPageCannotStartATurn() throws Exception {
        openElsewhere();
        String cid = JournalFiles.newId("xorigin-start");
        String url = root.toString() + "api/conversations/" + cid + "/turns";
        String body = "{\"prompt\":\"sent by another site\"}";
        // a string body (text/plain), a JSON type the browser must drop in no-cors mode, a JSON blob
        for (String options : List.of("{method: 'POST', mode: 'no-cors', body: arguments[1]}",
                "{method: 'POST', mode: 'no-cors', body: arguments[1], headers: {'Content-Type': 'application/json'}}",
                "{method: 'POST', mode: 'no-cors', body: new Blob([arguments[1]], {type: 'application/json'})}")) {
            assertEquals("opaque", noCorsFetch(url, body, options), "the request did not reach the server: " + options);
        }
        postForm(url, body);
        Thread.sleep(500); // a started turn would have written its journal by now; none may exist
        assertFalse(Files.exists(JournalFiles.file(cid)), "a foreign page started a turn");
    }

    @Test
    void aForeignPageCannotStopATurn() throws Exception {
        openElsewhere();
        String cid = JournalFiles.newId("xorigin-stop");
        URI app = root.toURI();
        try (RawSseClient turn = RawSseClient.startTurn(app, cid, "keep going #chunks=60 #delay-ms=20")) {
            turn.readChunks(2);
            String url = root.toString() + "api/conversations/" + cid + "/turns/1/stop";
            for (String options : List.of("{method: 'POST', mode: 'no-cors'}",
                    "{method: 'POST', mode: 'no-cors', headers: {'Last-Event-ID': '1:1'}}",
                    "{method: 'POST', mode: 'no-cors', body: ''}")) {
                assertEquals("opaque", noCorsFetch(url, "", options), "the stop did not reach the server: " + options);
            }
            postForm(url, "");
            List<SseEvent> rest = turn.rest();
            assertEquals("end", rest.get(rest.size() - 1).event(), "the turn was stopped");
        }
        List<JsonObject> records = JournalFiles.records(cid);
        assertEquals("end", records.get(records.size() - 1).getString("type"), records.toString());
    }

    @Test
    void theChatPageRunsUnderItsPolicyWithoutViolations() throws Exception {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
        ChatPage page = new ChatPage(browser.driver).openNewChat(root);
        page.send("Hello under a strict policy #chunks=5 #delay-ms=5");
        page.waitForAssistant(1, "complete");
        assertEquals(List.of(), browser.driver.executeScript("return window.__csp"), "CSP violations on the page");
        // and the policy is enforced: an inline script is refused and reported
        browser.driver.executeScript("const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                + " document.body.appendChild(s);");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(5))
                .until(d -> !((List<?>) browser.driver.executeScript("return window.__csp")).isEmpty());
        assertEquals(null, browser.driver.executeScript("return window.__ran ?? null"), "an inline script ran");
    }

    private void openElsewhere() {
        browser.driver.get("http://127.0.0.1:" + elsewhere.actualPort() + "/");
    }

    /** Runs a fetch on the foreign page; answers the response's type, or the error's name. */
    private static String noCorsFetch(String url, String body, String options) {
        Object type = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0], " + options + ").then(r => done(r.type), e => done('error: ' + e));", url,
                body);
        return String.valueOf(type);
    }

    /**
     * Posts a form as {@code text/plain} into the page's iframe: the old trick to send a JSON-looking body, as
     * {@code name=value} with the name holding the JSON and the value closing it.
     */
    private static void postForm(String url, String json) throws InterruptedException {
        browser.driver.executeScript("const f = document.createElement('form'); f.method = 'POST';"
                + " f.enctype = 'text/plain'; f.action = arguments[0]; f.target = 'sink';"
                + " const i = document.createElement('input'); i.name = arguments[1]; i.value = '';"
                + " f.appendChild(i); document.body.appendChild(f); f.submit();", url, json);
        Thread.sleep(300);
    }
}
