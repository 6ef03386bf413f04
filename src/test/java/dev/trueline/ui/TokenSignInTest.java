package dev.trueline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The chat page against a Trueline in {@code token} mode, in a real Chromium: the first 401 makes it ask for the
 * token in its sign-in form, once; from then on every request carries it, resumed streams too (a request without
 * it would be refused, logged by the console as a 401, and would open the form again); a refused token is
 * forgotten and asked for again. Throughout, the console shows no CSP violation and no error but the 401s that made
 * the page ask, and never the token.
 */
@QuarkusTest
@TestProfile(TokenBrowserProfile.class)
class TokenSignInTest {

    private static final String TOKEN = TokenBrowserProfile.TOKEN;

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void forgetTheConsole() {
        browser.consoleSinceLastCall(); // each test reads only its own
    }

    @Test
    void thePageAsksOnceThenChatsAndResumesACutStreamWithTheToken() throws Exception {
        String prompt = "Keep going while the network fails #delay-ms=60 #chunks=80";
        try (CuttingProxy network = new CuttingProxy(root)) {
            browser.driver.get(network.url()); // an origin of its own: nothing in its sessionStorage yet
            ChatPage page = new ChatPage(browser.driver);
            waitForSignIn(page);
            assertFalse(errorShown(), "the first question is not a refusal");
            assertEquals("sign-in-token", script("return document.activeElement.id"), "the token box has focus");
            assertOnlyRefusals(browser.consoleSinceLastCall());

            signIn(page, TOKEN);
            assertEquals(TOKEN, script("return sessionStorage.getItem('trueline.token')"));
            page.send(prompt);
            for (int cut = 1; cut <= 2; cut++) {
                int before = page.lastAssistantText() == null ? 0 : page.lastAssistantText().length();
                page.waiting().until(d -> page.lastAssistantText() != null
                        && page.lastAssistantText().length() > before + 20);
                network.cutAll();
                // resumed with GET .../events and Last-Event-ID: without the token that is a 401, and the form opens
                page.waiting().until(d -> signInOpen() || page.lastAssistantText() != null
                        && page.lastAssistantText().length() > before + 40);
                assertFalse(signInOpen(), "a resumed stream was refused: the page asked for the token again");
            }
            WebElement complete = page.waitForAssistant(1, "complete");
            assertEquals(ScriptedReply.text(prompt, 80), page.textOf(complete), "whole, and nothing twice");
            JsonObject end = page.waiting().until(d -> JournalFiles.terminal(page.cid(), 1));
            assertEquals("end", end.getString("type"));

            // a reload keeps the token (sessionStorage): the transcript loads and nothing asks again
            page.reload(2);
            assertFalse(signInOpen(), "asked again after a reload");
            assertOnlyCutStreams(browser.consoleSinceLastCall());
        }
        assertNoCspViolation();
    }

    @Test
    void aWrongTokenIsRefusedAndThePageAsksAgain() {
        browser.driver.get(root.toString());
        ChatPage page = new ChatPage(browser.driver);
        waitForSignIn(page);

        // not a token at all: the form says so and stays
        page.hook("sign-in-token").sendKeys("two words");
        page.hook("sign-in-submit").click();
        assertTrue(errorShown() && signInOpen(), "a token with a space was taken");

        page.hook("sign-in-token").clear();
        page.hook("sign-in-token").sendKeys("tl-not-a-token-of-this-trueline");
        page.hook("sign-in-submit").click();
        page.waiting().until(d -> signInOpen() && errorShown());
        assertTrue(page.hook("sign-in-error").getText().contains("refused"), page.hook("sign-in-error").getText());
        assertNull(script("return sessionStorage.getItem('trueline.token')"), "the refused token is forgotten");
        assertEquals("", page.hook("sign-in-token").getAttribute("value"), "the refused token is not shown again");

        signIn(page, TOKEN);
        page.send("Hello with the right token #chunks=5 #delay-ms=5");
        page.waitForAssistant(1, "complete");
        assertJournalLinkOpensTheJournal(page);

        // a kept token that stops working (revoked, mistyped into storage): forgotten, and the page asks again
        script("sessionStorage.setItem('trueline.token', 'tl-revoked')");
        browser.driver.navigate().refresh();
        page.waiting().until(d -> signInOpen() && errorShown());
        assertNull(script("return sessionStorage.getItem('trueline.token')"));
        signIn(page, TOKEN);
        page.waiting().until(d -> page.messages().size() == 2);
        assertEquals("complete", page.lastAssistantStatus());

        assertOnlyRefusals(browser.consoleSinceLastCall());
        assertNoCspViolation();
    }

    /** The Journal link is a navigation, which cannot carry the token: the page opens a copy it fetched. */
    private static void assertJournalLinkOpensTheJournal(ChatPage page) {
        String chat = browser.driver.getWindowHandle();
        Set<String> before = browser.driver.getWindowHandles();
        browser.driver.findElement(By.id("journal-link")).click();
        String journal = page.waiting().until(d -> d.getWindowHandles().stream()
                .filter(h -> !before.contains(h)).findFirst().orElse(null));
        browser.driver.switchTo().window(journal);
        try {
            page.waiting().until(d -> d.findElement(By.tagName("body")).getText().contains("\"type\":\"end\""));
            String url = browser.driver.getCurrentUrl();
            assertTrue(url.startsWith("blob:"), url);
            assertFalse(url.contains(TOKEN), url);
        } finally {
            browser.driver.close();
            browser.driver.switchTo().window(chat);
        }
    }

    private static void waitForSignIn(ChatPage page) {
        page.waiting().until(d -> signInOpen());
    }

    private static void signIn(ChatPage page, String token) {
        page.hook("sign-in-token").clear();
        page.hook("sign-in-token").sendKeys(token);
        page.hook("sign-in-submit").click();
        page.waiting().until(d -> !signInOpen());
    }

    private static boolean signInOpen() {
        return Boolean.TRUE.equals(script("return document.getElementById('sign-in').open"));
    }

    private static boolean errorShown() {
        return Boolean.FALSE.equals(script("return document.getElementById('sign-in-error').hidden"));
    }

    /**
     * Console entries may only be Chromium's own line for a request the server answered 401 (it logs every failed
     * response): the refusals that made the page ask. Nothing else, no CSP report, and never the token.
     */
    private static void assertOnlyRefusals(List<LogEntry> console) {
        assertTrue(console.stream().anyMatch(e -> e.getMessage().contains("status of 401")),
                "the page was asked for a token without a 401: " + console);
        assertTrue(console.stream().allMatch(e -> e.getMessage().contains("/api/")
                && e.getMessage().contains("Failed to load resource: the server responded with a status of 401")),
                "only the refusals that made the page ask: " + console);
        assertTokenNotIn(console);
    }

    /**
     * After signing in, the console may only hold Chromium's own line for each stream the proxy cut (a response body
     * that broke off): no 401, no script error, no CSP report, never the token.
     */
    private static void assertOnlyCutStreams(List<LogEntry> console) {
        List<String> others = console.stream().map(LogEntry::getMessage)
                .filter(m -> !(m.contains("/api/conversations/") && m.contains("/turns")
                        && m.endsWith("Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING")))
                .toList();
        assertEquals(List.of(), others, "the browser console after signing in");
        assertTokenNotIn(console);
    }

    private static void assertTokenNotIn(List<LogEntry> console) {
        assertFalse(console.stream().anyMatch(e -> e.getMessage().contains(TOKEN)), "the token reached the console");
    }

    private static void assertNoCspViolation() {
        assertEquals(List.of(), script("return window.__csp"), "CSP violations on the page");
    }

    private static Object script(String js) {
        return browser.driver.executeScript(js);
    }
}
