package dev.trueline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The chat page in a real headless Chromium against the running app: streaming, Stop then reload, a failure
 * mid-stream, markup in replies, and a screenshot of a conversation with every kind of ending.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the screenshot last: its sidebar then lists the others
class ChatPageTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    private ChatPage page;

    @BeforeEach
    void openPage() {
        if (browser == null) {
            browser = Browser.start();
        }
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        page = new ChatPage(browser.driver).openNewChat(root);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void replyStreamsInChunkByChunkAndTheConversationIsListed() {
        String prompt = "Tell me how the journal works #delay-ms=100 #chunks=30";
        String expected = ScriptedReply.text(prompt, 30);
        page.send(prompt);

        // Observe the reply while it streams: it must show up piece by piece, each view a prefix of the next.
        List<String> seen = new ArrayList<>();
        page.waiting().until(d -> {
            String text = page.lastAssistantText();
            if (text != null && !text.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text))) {
                seen.add(text);
            }
            return "complete".equals(page.lastAssistantStatus());
        });
        assertEquals(expected, page.lastAssistantText());
        List<String> partial = seen.stream().filter(s -> !s.equals(expected)).toList();
        assertTrue(partial.size() >= 3, "the reply should have been seen growing, saw only " + seen.size()
                + " distinct texts: " + seen);
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(expected.startsWith(seen.get(i)), "observation " + i + " is not a prefix: " + seen.get(i));
            if (i > 0) {
                assertTrue(seen.get(i).length() > seen.get(i - 1).length(), "the text shrank at observation " + i);
            }
        }

        String cid = page.cid();
        WebElement item = page.waiting().until(d -> d.findElements(By.cssSelector(
                "[data-testid='conversations'] [data-id='" + cid + "']")).stream().findFirst().orElse(null));
        assertTrue(item.getText().contains("Tell me how the journal works"), item.getText());
    }

    @Test
    void stoppedReplyReloadsExactlyAsItWasOnScreen() throws IOException {
        // Chunks arrive fast, so the click races them: the page tells the server the last event it rendered and
        // the journal keeps exactly that, whatever the server had already written to the connection (I6).
        String prompt = "Please keep writing so I can stop you #delay-ms=20 #chunks=400";
        page.send(prompt);
        page.waiting().until(d -> page.lastAssistantText() != null && page.lastAssistantText().length() > 40);
        page.hook("stop").click();
        WebElement stopped = page.waitForAssistant(1, "interrupted");
        String onScreen = page.textOf(stopped);
        String lastEventId = stopped.getAttribute("data-last-event-id");

        String full = ScriptedReply.text(prompt, 400);
        assertFalse(onScreen.isEmpty());
        assertTrue(onScreen.length() < full.length(), "Stop should have cut the reply short");
        assertTrue(full.startsWith(onScreen), onScreen);
        assertTrue(stopped.getText().contains("Stopped"), stopped.getText());
        page.waiting().until(d -> page.hook("send").isDisplayed()); // Send comes back once the stop is journaled

        // The journal: one terminal record, aborted/user_stop, whose delivered chunks are exactly the text on screen.
        JsonObject aborted = page.waiting().until(d -> JournalFiles.terminal(page.cid(), 1));
        assertEquals("aborted", aborted.getString("type"));
        assertEquals("user_stop", aborted.getString("reason"));
        int delivered = aborted.getInteger("delivered");
        assertEquals(onScreen, JournalFiles.chunkText(page.cid(), 1, delivered));
        assertEquals("1:" + delivered, lastEventId, "the page keeps the id of the last event it rendered");
        assertEquals(1, JournalFiles.records(page.cid()).stream().filter(r -> List.of("end", "aborted", "failed")
                .contains(r.getString("type"))).count(), "I3: exactly one terminal record");

        page.reload(2);
        WebElement healed = page.waitForAssistant(1, "interrupted");
        assertEquals(onScreen, page.textOf(healed), "after reload the text is character for character the same");
        assertTrue(healed.getText().contains("Stopped"), healed.getText());
    }

    @Test
    void aCutConnectionResumesByItselfWithTheWholeReplyAndNoRepeatedText() throws IOException {
        String prompt = "Keep going while the network fails #delay-ms=60 #chunks=80";
        try (CuttingProxy network = new CuttingProxy(root)) {
            browser.driver.get(network.url() + "#c=" + page.cid());
            page.waiting().until(d -> page.hook("prompt").isDisplayed());
            page.send(prompt);
            for (int cut = 1; cut <= 3; cut++) {
                int before = page.lastAssistantText() == null ? 0 : page.lastAssistantText().length();
                page.waiting().until(d -> page.lastAssistantText() != null
                        && page.lastAssistantText().length() > before + 20);
                network.cutAll();
                // the page notices, says so, and resumes from the last event it received
                page.waiting().until(d -> page.lastAssistantText() != null
                        && page.lastAssistantText().length() > before + 40);
            }
            WebElement complete = page.waitForAssistant(1, "complete");
            assertEquals(ScriptedReply.text(prompt, 80), page.textOf(complete), "whole, and nothing twice");
        }
        browser.driver.get(root + "#c=" + page.cid());
        page.waiting().until(d -> page.messages().size() == 2);
        assertEquals(ScriptedReply.text(prompt, 80), page.textOf(page.waitForAssistant(1, "complete")));
        JsonObject end = page.waiting().until(d -> JournalFiles.terminal(page.cid(), 1));
        assertEquals("end", end.getString("type"));
    }

    @Test
    void aReloadMidAnswerReattachesAndASecondTabFollowsLive() throws IOException {
        String prompt = "Write on while I reload #delay-ms=40 #chunks=100";
        String full = ScriptedReply.text(prompt, 100);
        page.send(prompt);
        page.waiting().until(d -> page.lastAssistantText() != null && page.lastAssistantText().length() > 40);
        String cid = page.cid();
        // a second tab on the same conversation follows the running turn live
        String first = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.driver.get(root + "#c=" + cid);
        ChatPage second = new ChatPage(browser.driver);
        second.waiting().until(d -> second.messages().size() == 2);
        second.waiting().until(d -> "in_progress".equals(second.messages().get(1).getAttribute("data-status")));
        // back in the first tab, a reload in the middle of the answer
        browser.driver.switchTo().window(first);
        page.reload(2);
        WebElement reattached = page.waitForAssistant(1, "complete");
        assertEquals(full, page.textOf(reattached), "the reload reattached: whole, nothing twice");
        browser.driver.switchTo().window(browser.driver.getWindowHandles().stream().filter(h -> !h.equals(first))
                .findFirst().orElseThrow());
        WebElement followed = second.waitForAssistant(1, "complete");
        assertEquals(full, second.textOf(followed), "the second tab shows the same text");
        browser.driver.close();
        browser.driver.switchTo().window(first);
    }

    @Test
    void serverSideFailureShowsAnErrorAndReloadsAsFailed() throws IOException {
        String prompt = "Break down after a while #fail-after=5 #delay-ms=40 #chunks=30";
        String partial = String.join("", ScriptedReply.chunks(prompt, 30).subList(0, 5));
        page.send(prompt);

        WebElement failed = page.waitForAssistant(1, "failed");
        assertEquals(partial, page.textOf(failed));
        String error = failed.findElement(By.cssSelector("[data-testid='message-error']")).getText();
        assertTrue(error.contains("#fail-after"), error);
        assertTrue(error.contains("upstream_failed"), error);

        page.reload(2);
        WebElement healed = page.waitForAssistant(1, "failed");
        assertEquals(partial, page.textOf(healed));
        assertTrue(healed.findElement(By.cssSelector("[data-testid='message-error']")).getText()
                .contains("#fail-after"));
    }

    @Test
    void markupInPromptsAndRepliesRendersAsText() throws IOException {
        String prompt = "Look: <img src=x onerror=alert(1)> and <script>alert(2)</script> #chunks=20 #delay-ms=5";
        String expected = ScriptedReply.text(prompt, 20);
        assertTrue(expected.contains("<img src=x onerror=alert(1)>"), "the scripted reply echoes the prompt");
        page.send(prompt);
        WebElement reply = page.waitForAssistant(1, "complete");

        for (int pass = 0; pass < 2; pass++) {
            assertEquals(0L, browser.driver.executeScript(
                    "return document.querySelectorAll('#messages img, #messages script, #messages [onerror]').length;"),
                    "no element may come out of the text");
            assertEquals(List.of(), browser.driver.executeScript("return window.__alerts;"),
                    "no alert() may run");
            assertEquals(expected, page.textOf(reply));
            WebElement question = page.messages().get(0);
            assertEquals(prompt, page.textOf(question));
            page.reload(2);
            reply = page.waitForAssistant(1, "complete");
        }
    }

    @Test
    void refusedPromptShowsTheServersReasonAndARunningTurnIsFollowed() throws IOException {
        String cid = page.cid();
        String other = "Another tab is asking #delay-ms=50 #chunks=80";
        try (RawSseClient otherTab = RawSseClient.startTurn(URI.create(root.toString()), cid, other)) {
            page.send("Me too, please");
            WebElement notice = page.waiting().until(d -> d.findElements(By.cssSelector("[data-testid='notice']"))
                    .stream().findFirst().orElse(null));
            assertTrue(notice.getText().contains("already has a turn running"), notice.getText());
            assertEquals(List.of(), page.messages(), "the refused prompt is not shown as sent");
            assertEquals("Me too, please", page.hook("prompt").getAttribute("value"), "the prompt is given back");

            page.reload(2);
            String running = page.waitForAssistantText(1, "in_progress");
            assertTrue(running.contains("Writing"), running);
        }
        // The other client left; this page follows the turn (so it goes on) and shows its whole answer.
        WebElement ended = page.waitForAssistant(1, "complete");
        assertEquals(ScriptedReply.text(other, 80), page.textOf(ended));
    }

    /** Starts a turn from another client over a plain socket and returns once the stream's headers arrived. */
    @Test
    @Order(Integer.MAX_VALUE)
    void screenshotOfCompleteStoppedAndFailedTurns() throws IOException {
        save("welcome.png");
        page.send("What does **Trueline** keep in its `journal`? #delay-ms=15 #chunks=40");
        page.waitForAssistant(1, "complete");

        page.send("Now write a long story, I will stop you #delay-ms=150 #chunks=80");
        page.waiting().until(d -> page.lastAssistantText() != null && page.lastAssistantText().length() > 180);
        save("streaming.png");
        page.hook("stop").click();
        page.waitForAssistant(2, "interrupted");

        page.send("And now fail halfway through #fail-after=9 #delay-ms=15 #chunks=30");
        page.waitForAssistant(3, "failed");

        page.reload(6);
        List<String> statuses = page.assistantMessages().stream().map(m -> m.getAttribute("data-status")).toList();
        assertEquals(List.of("complete", "interrupted", "failed"), statuses);
        assertNotEquals(0, browser.driver.findElements(By.cssSelector("[data-testid='message-text'] strong")).size(),
                "the Markdown in the echoed prompt is rendered");

        browser.driver.manage().window().setSize(new Dimension(1280, 1060));
        browser.driver.executeScript("document.getElementById('scroller').scrollTop = 0;");
        Path wide = save("chat.png");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        // at phone width the sidebar slides away into a drawer: wait until it is fully off screen
        page.waiting().until(d -> (Boolean) browser.driver.executeScript(
                "return document.getElementById('sidebar').getBoundingClientRect().right <= 0;"));
        Path narrow = save("chat-narrow.png");
        System.out.println("Chat page screenshots: " + wide.toAbsolutePath() + " and " + narrow.toAbsolutePath());
    }

    private Path save(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 10_000, "a screenshot of a rendered page, not a blank one");
        return file;
    }
}
