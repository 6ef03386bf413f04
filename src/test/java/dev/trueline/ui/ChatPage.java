package dev.trueline.ui;

import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page as a test sees it, through the {@code data-testid} hooks only (prompt, send, stop, new-chat,
 * conversations, message with data-role and data-status), so that a restyled page keeps its tests.
 */
final class ChatPage {

    private static final Pattern CID = Pattern.compile("#c=([A-Za-z0-9_-]{1,64})");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    ChatPage(ChromeDriver driver) {
        this.driver = driver;
        // the page re-renders a conversation it follows: an element found a moment ago may be replaced
        this.wait = (WebDriverWait) new WebDriverWait(driver, Browser.PATIENCE)
                .ignoring(StaleElementReferenceException.class);
    }

    /** Opens the page and starts a new chat: every test works in a conversation of its own. */
    ChatPage openNewChat(URL root) {
        driver.get(root.toString());
        wait.until(d -> cidOrNull() != null);
        String before = cid();
        hook("new-chat").click();
        wait.until(d -> !before.equals(cidOrNull()));
        wait.until(d -> messages().isEmpty());
        return this;
    }

    String cid() {
        String cid = cidOrNull();
        if (cid == null) {
            throw new AssertionError("no conversation id in the URL: " + driver.getCurrentUrl());
        }
        return cid;
    }

    private String cidOrNull() {
        Matcher m = CID.matcher(driver.getCurrentUrl());
        return m.find() ? m.group(1) : null;
    }

    /** Types the prompt and clicks Send. */
    void send(String prompt) {
        WebElement box = hook("prompt");
        box.clear();
        box.sendKeys(prompt);
        wait.until(d -> hook("send").isDisplayed()); // after a Stop, Send returns once the server journaled it
        hook("send").click();
    }

    WebElement hook(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    List<WebElement> messages() {
        return driver.findElements(By.cssSelector("[data-testid='message']"));
    }

    List<WebElement> assistantMessages() {
        return driver.findElements(By.cssSelector("[data-testid='message'][data-role='assistant']"));
    }

    /** Waits for the n-th assistant message (1-based) to exist and have the status. */
    WebElement waitForAssistant(int n, String status) {
        return wait.until(d -> {
            List<WebElement> all = assistantMessages();
            if (all.size() < n) {
                return null;
            }
            WebElement message = all.get(n - 1);
            return status.equals(message.getAttribute("data-status")) ? message : null;
        });
    }

    /** Waits until the n-th assistant message has {@code status}, and returns its visible text at that moment. */
    String waitForAssistantText(int n, String status) {
        return wait.until(d -> {
            WebElement message = waitForAssistant(n, status);
            return message.getText();
        });
    }

    /** The message's text exactly as the DOM holds it (textContent: no whitespace folding, unlike getText). */
    String textOf(WebElement message) {
        return (String) driver.executeScript(
                "return arguments[0].querySelector('[data-testid=\"message-text\"]').textContent;", message);
    }

    /** The text of the last assistant message, or null when there is none. */
    String lastAssistantText() {
        return (String) driver.executeScript("const all = document.querySelectorAll("
                + "'[data-testid=\"message\"][data-role=\"assistant\"] [data-testid=\"message-text\"]');"
                + "return all.length ? all[all.length - 1].textContent : null;");
    }

    String lastAssistantStatus() {
        return (String) driver.executeScript("const all = document.querySelectorAll("
                + "'[data-testid=\"message\"][data-role=\"assistant\"]');"
                + "return all.length ? all[all.length - 1].dataset.status : null;");
    }

    /** Reloads the page and waits until the transcript shows the given number of messages. */
    void reload(int expectedMessages) {
        driver.navigate().refresh();
        wait.until(d -> messages().size() == expectedMessages);
    }

    WebDriverWait waiting() {
        return wait;
    }
}
