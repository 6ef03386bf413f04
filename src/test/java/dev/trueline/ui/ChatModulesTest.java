package dev.trueline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The page's SSE parser, Markdown renderer and API calls, loaded as the ES modules the app serves and run in the real
 * browser: the parser against a stream cut at every byte, the renderer against hostile and ordinary Markdown, the API
 * calls against a stand-in {@code fetch} that records what they send and answers 401 when told to.
 */
@QuarkusTest
@TestProfile(BrowserProfile.class) // beside the other browser tests: one app start for all of them
class ChatModulesTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void openPage() {
        if (browser == null) {
            browser = Browser.start();
        }
        browser.driver.get(root.toString());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void sseParserGivesTheSameEventsWhereverTheBytesAreCut() {
        // CRLF, LF and bare CR line ends, a comment, multi-line data, a BOM, and UTF-8 of 2, 3 and 4 bytes.
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const { readEventBatches } = await import('/js/sse.js');
                const text = '\\uFEFFid: 1:0\\r\\nevent: turn\\r\\ndata: {"turn":1}\\r\\n\\r\\n'
                    + ': ping\\n\\n'
                    + 'id:1:1\\nevent:chunk\\ndata: Grüße, \\u20ac\\ndata: 🌍 ok\\n\\n'
                    + 'id: 1:2\\revent: chunk\\rdata:  two spaces\\r\\r'
                    + 'event: chunk\\ndata: cut off by the end of the stream';
                const bytes = new TextEncoder().encode(text);
                const outcomes = new Set();
                let first = null;
                for (let size = 1; size <= bytes.length; size++) {
                    const body = new ReadableStream({ start(controller) {
                        for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
                        controller.close();
                    } });
                    const events = [];
                    for await (const batch of readEventBatches(body)) events.push(...batch);
                    const json = JSON.stringify(events);
                    outcomes.add(json);
                    first = first || events;
                }
                done({ distinct: outcomes.size, events: first });
                """);
        assertEquals(1L, result.get("distinct"), "the events must not depend on how the bytes were cut");
        assertEquals(List.of(
                Map.of("id", "1:0", "event", "turn", "data", "{\"turn\":1}"),
                Map.of("id", "1:1", "event", "chunk", "data", "Grüße, €\n🌍 ok"),
                Map.of("id", "1:2", "event", "chunk", "data", " two spaces")), result.get("events"));
    }

    @Test
    void markdownBuildsElementsAndNeverMarkupFromText() {
        String markdown = String.join("\n",
                "# Title",
                "Some **bold**, *italic*, `<b>code</b>` and snake_case_name.",
                "<img src=x onerror=alert(1)> <script>alert(2)</script>",
                "",
                "- one",
                "- two with [a link](https://example.org/a_(b)) and <https://example.org/auto>",
                "",
                "1. first",
                "2. second",
                "",
                "```js",
                "if (a < b) { alert('<no>'); }",
                "```",
                "",
                "[bad](javascript:alert(3)) [data](data:text/html,x) see https://example.org/bare.",
                "> quoted");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const { renderMarkdown } = await import('/js/markdown.js');
                const host = document.createElement('div');
                host.appendChild(renderMarkdown(arguments[0]));
                const all = s => Array.from(host.querySelectorAll(s));
                done({
                    blocks: Array.from(host.children, e => e.tagName.toLowerCase()),
                    h1: host.querySelector('h1').textContent,
                    strong: all('strong').map(e => e.textContent),
                    em: all('em').map(e => e.textContent),
                    code: all('p code').map(e => e.textContent),
                    firstParagraph: host.querySelector('p').textContent,
                    bullets: all('ul > li').map(e => e.textContent),
                    numbers: all('ol > li').map(e => e.textContent),
                    pre: host.querySelector('pre code').textContent,
                    language: host.querySelector('pre').dataset.language,
                    links: all('a').map(a => [a.getAttribute('href'), a.rel, a.textContent]),
                    injected: all('img, script, b, [onerror]').length,
                    quote: host.querySelector('blockquote').textContent,
                    text: host.textContent,
                });
                """, markdown);
        assertEquals(List.of("h1", "p", "ul", "ol", "pre", "p", "blockquote"), r.get("blocks"));
        assertEquals("Title", r.get("h1"));
        assertEquals(List.of("bold"), r.get("strong"));
        assertEquals(List.of("italic"), r.get("em"));
        assertEquals(List.of("<b>code</b>"), r.get("code"));
        assertEquals("Some bold, italic, <b>code</b> and snake_case_name.\n"
                + "<img src=x onerror=alert(1)> <script>alert(2)</script>", r.get("firstParagraph"));
        assertEquals(List.of("one", "two with a link and https://example.org/auto"), r.get("bullets"));
        assertEquals(List.of("first", "second"), r.get("numbers"));
        assertEquals("if (a < b) { alert('<no>'); }", r.get("pre"));
        assertEquals("js", r.get("language"));
        assertEquals(List.of(
                List.of("https://example.org/a_(b)", "noopener noreferrer", "a link"),
                List.of("https://example.org/auto", "noopener noreferrer", "https://example.org/auto"),
                List.of("https://example.org/bare", "noopener noreferrer", "https://example.org/bare")),
                r.get("links"), "only http(s) targets become links");
        assertEquals(0L, r.get("injected"));
        assertEquals("quoted", r.get("quote"));
        String text = (String) r.get("text");
        assertTrue(text.contains("[bad](javascript:alert(3))"), "an unsafe link stays visible as text: " + text);
        assertTrue(text.contains("[data](data:text/html,x)"), text);
    }

    @Test
    void everyApiCallSendsTheTokenInItsHeaderAndNeverInItsUrl() {
        browser.driver.get(root + "favicon.svg"); // this origin, but no page script: only the modules under test
        String token = "tl-module-test-token";
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = arguments[0];
                const api = await import('/js/api.js');
                const sent = [];
                window.fetch = async (url, init = {}) => {
                    const headers = new Headers(init.headers);
                    sent.push({ url: String(url), method: init.method || 'GET',
                        authorization: headers.get('Authorization'), type: headers.get('Content-Type') });
                    if (init.method === 'DELETE' || String(url).endsWith('/stop')) {
                        return new Response(null, { status: 204 });
                    }
                    const type = String(url).includes('/turns') ? 'text/event-stream' : 'application/json';
                    return new Response(String(url).endsWith('conversations') ? '[]' : '{}',
                        { status: 200, headers: { 'Content-Type': type } });
                };
                sessionStorage.removeItem('trueline.token');
                await api.listConversations();
                const withoutToken = sent.pop();
                sessionStorage.setItem('trueline.token', token);
                await api.listConversations();
                await api.getTranscript('c1');
                await api.getJournal('c1');
                await api.startTurn('c1', 'hi');
                await api.followTurn('c1', 1, '1:3');
                await api.stopTurn('c1', 1, '1:3', 5000);
                await api.deleteConversation('c1');
                sessionStorage.removeItem('trueline.token');
                done({ withoutToken, sent });
                """, token);
        @SuppressWarnings("unchecked")
        Map<String, Object> withoutToken = (Map<String, Object>) r.get("withoutToken");
        assertEquals(null, withoutToken.get("authorization"), "no token, no header (none mode)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) r.get("sent");
        assertEquals(7, sent.size(), sent.toString());
        for (Map<String, Object> request : sent) {
            assertEquals("Bearer " + token, request.get("authorization"), request.toString());
            assertFalse(((String) request.get("url")).contains(token), request.toString());
            if (!"GET".equals(request.get("method"))) {
                assertEquals("application/json", request.get("type"), "a state change keeps its type: " + request);
            }
        }
    }

    @Test
    void a401ForgetsTheTokenAsksOnceForEveryRefusedRequestAndSendsThemAgain() {
        browser.driver.get(root + "favicon.svg"); // this origin, but no page script: only the modules under test
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const auth = await import('/js/auth.js');
                const api = await import('/js/api.js');
                const asked = [];
                let storedWhileAsked = 'not asked';
                auth.setTokenAsker(async ({ refused }) => {
                    asked.push(refused);
                    storedWhileAsked = sessionStorage.getItem('trueline.token');
                    await new Promise(resolve => setTimeout(resolve, 50));
                    return 'tl-new';
                });
                const sent = [];
                window.fetch = async (url, init = {}) => {
                    const authorization = new Headers(init.headers).get('Authorization');
                    sent.push(authorization);
                    return authorization === 'Bearer tl-new'
                        ? new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } })
                        : new Response('{"status":401,"code":"unauthorized"}',
                            { status: 401, headers: { 'Content-Type': 'application/problem+json' } });
                };
                sessionStorage.setItem('trueline.token', 'tl-old');
                const lists = await Promise.all([api.listConversations(), api.listConversations()]);
                const kept = sessionStorage.getItem('trueline.token');

                // a request aborted while the page waits for the token ends with the abort (Stop, leaving a turn)
                sessionStorage.removeItem('trueline.token');
                let answer;
                auth.setTokenAsker(() => new Promise(resolve => answer = resolve));
                const controller = new AbortController();
                const pending = api.followTurn('c1', 1, null, controller.signal).then(() => 'resolved', e => e.name);
                await new Promise(resolve => setTimeout(resolve, 20));
                controller.abort();
                const aborted = await pending;
                answer('tl-new');
                sessionStorage.removeItem('trueline.token');
                done({ asked, storedWhileAsked, sent, lists: lists.length, kept, aborted });
                """);
        assertEquals(List.of(true), r.get("asked"), "asked once, saying the token was refused");
        assertEquals(null, r.get("storedWhileAsked"), "the refused token is forgotten before asking");
        assertEquals(Arrays.asList("Bearer tl-old", "Bearer tl-old", "Bearer tl-new", "Bearer tl-new", null),
                r.get("sent"), "both refused requests were sent again with the new token");
        assertEquals(2L, r.get("lists"));
        assertEquals("tl-new", r.get("kept"));
        assertEquals("AbortError", r.get("aborted"));
    }
}
