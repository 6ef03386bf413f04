// One turn streaming onto the page: the response that started it, or a follow of a turn already running (after a
// reload, or started in another tab). When the connection breaks, it resumes by itself from the last event it
// received (GET .../turns/{turn}/events with Last-Event-ID), backing off between tries and showing "Reconnecting":
// the server sends what came after that event and nothing before it, so the text on screen never repeats and
// never skips (docs/protocol.md, resuming).

import { ApiError, followTurn, stopTurn } from './api.js';
import { setAssistantStatus, setAssistantText } from './messages.js';
import { readEventBatches } from './sse.js';

/** Waits before resume attempt n (0-based): quick at first, then backing off to a few seconds. */
const BACKOFF_MS = [0, 250, 500, 1000, 2000, 4000];
/** After this long without getting the stream back, the page gives up and says the connection is lost. */
const GIVE_UP_MS = 60000;
/** How long Stop waits for the stream's end before the page closes the stream anyway. */
const STOP_WAIT_MS = 3000;

export class LiveTurn {
    /**
     * @param cid the conversation
     * @param article the assistant message to stream into
     * @param turn the turn number, or null until the `turn` event names it
     * @param text what is on screen already (for a follow: the transcript's text)
     * @param chunks how many chunks that text is (the position to resume after)
     * @param hooks {onTurn(turn), onEnd()}: the page's reactions
     */
    constructor({ cid, article, turn = null, text = '', chunks = 0, model = null, hooks = {} }) {
        this.cid = cid;
        this.article = article;
        this.turn = turn;
        this.model = model;
        this.hooks = hooks;
        this.baseText = text;
        this.baseChunks = chunks;
        /** Chunks received here, in order: {seq, text}. */
        this.received = [];
        this.lastEventId = turn === null ? null : `${turn}:${chunks}`;
        this.ended = false;
        this.stopRequested = false;
        /** Whether a stream of this turn was read here: a break after it is a reconnect. */
        this.streamed = false;
        this.controller = new AbortController();
    }

    /** The seq of the last chunk on screen. */
    get seq() {
        return this.received.length > 0 ? this.received[this.received.length - 1].seq : this.baseChunks;
    }

    /** Streams the response that started the turn; when it breaks, resumes. Resolves when the turn is over here. */
    async start(response) {
        await this.consume(response);
        await this.resumeUntilEnd();
    }

    /** Follows a turn that is already running, from what is on screen. */
    async follow() {
        await this.resumeUntilEnd();
    }

    /**
     * Stops the turn at what the page rendered: from this instant nothing more is shown, and the server is told
     * the id of the last chunk on screen, so the journal keeps exactly that (I6). The stream then ends by itself
     * with its `interrupted` event; if it does not within a few seconds, the page closes it.
     */
    async stop() {
        if (this.stopRequested || this.ended) {
            return;
        }
        this.stopRequested = true;
        setAssistantStatus(this.article, { status: 'interrupted', reason: 'user_stop' });
        if (this.turn !== null) {
            try {
                await stopTurn(this.cid, this.turn, this.article.dataset.lastEventId || null, STOP_WAIT_MS);
            } catch {
                // nothing to do: after a reload the transcript shows how the journal says the turn ended
            }
        }
        // Before the turn event the server cannot be told which turn: closing the stream is all the page can do.
        setTimeout(() => this.controller.abort(), this.turn === null ? 0 : STOP_WAIT_MS);
    }

    /** Reads one response's events onto the page; returns when it ends or breaks. */
    async consume(response) {
        this.streamed = true;
        try {
            for await (const events of readEventBatches(response.body)) {
                if (this.stopRequested) {
                    // what is on screen is the answer; the stream is drained until its end so the server is not held
                    continue;
                }
                this.apply(events);
            }
        } catch {
            // the connection broke (or stop() closed it): resumeUntilEnd decides what happens next
        }
    }

    async resumeUntilEnd() {
        const since = Date.now();
        let attempt = 0;
        while (!this.ended && !this.stopRequested) {
            if (this.turn === null) {
                // cut before the turn event: the page cannot name the turn; a reload finds it in the transcript
                this.lost();
                return;
            }
            if (Date.now() - since > GIVE_UP_MS) {
                this.lost();
                return;
            }
            this.reconnecting(attempt > 0 || this.streamed);
            await sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
            let response;
            try {
                response = await followTurn(this.cid, this.turn, this.lastEventId, this.controller.signal);
            } catch (e) {
                if (this.stopRequested) {
                    return;
                }
                if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
                    this.lost(); // the server says there is nothing to follow (404, 400): do not insist
                    return;
                }
                attempt++;
                continue;
            }
            if (response === null) {
                this.lost(); // 204: it had the end already, which this page did not get; a reload shows it
                return;
            }
            attempt = 0;
            this.showLive();
            await this.consume(response);
        }
        this.done();
    }

    apply(events) {
        let grew = false;
        for (const { id, event, data } of events) {
            let payload;
            try {
                payload = JSON.parse(data);
            } catch {
                continue; // not the wire protocol: ignore rather than break the view
            }
            if (event === 'turn') {
                this.turn = payload.turn;
                this.model = payload.model;
                this.lastEventId = id;
                this.article.dataset.turn = String(payload.turn);
                this.hooks.onTurn?.(payload.turn);
            } else if (event === 'chunk') {
                if (payload.seq <= this.seq) {
                    continue; // already on screen: never shown twice
                }
                this.received.push({ seq: payload.seq, text: payload.text });
                this.lastEventId = id;
                grew = true;
            } else if (event === 'end') {
                this.finish({ status: 'complete', model: this.model });
            } else if (event === 'error') {
                this.finish(payload.code === 'shutting_down'
                    ? { status: 'interrupted', reason: 'shutdown' }
                    : { status: 'failed', error: { code: payload.code, message: payload.message } });
            } else if (event === 'interrupted') {
                this.keepOnly(payload.chunks);
                this.finish({ status: 'interrupted', reason: payload.reason });
            }
        }
        if (grew && !this.ended) {
            this.render();
        }
    }

    /**
     * The answer keeps its first `chunks` chunks: another tab stopped it at what that tab had seen, which may be
     * less than this page shows. Drops the rest; a cut inside the text this page started from asks for a reload.
     */
    keepOnly(chunks) {
        if (chunks >= this.seq) {
            return;
        }
        if (chunks >= this.baseChunks) {
            this.received = this.received.filter(c => c.seq <= chunks);
        } else {
            this.hooks.onReload?.(); // the transcript has the kept text; this page does not know the chunks apart
        }
    }

    finish(status) {
        this.ended = true;
        this.render();
        setAssistantStatus(this.article, { ...status, live: true });
    }

    /** Puts the text on screen and remembers the id of the last chunk shown (what a Stop sends). */
    render() {
        setAssistantText(this.article, this.baseText + this.received.map(c => c.text).join(''));
        if (this.turn !== null && this.seq > 0) {
            this.article.dataset.lastEventId = `${this.turn}:${this.seq}`;
        }
        this.hooks.onRender?.();
    }

    reconnecting(yes) {
        if (yes) {
            this.article.dataset.reconnecting = 'true';
            setAssistantStatus(this.article, { status: 'in_progress', live: true, reconnecting: true });
        }
    }

    showLive() {
        delete this.article.dataset.reconnecting;
        setAssistantStatus(this.article, { status: 'in_progress', live: true });
    }

    lost() {
        delete this.article.dataset.reconnecting;
        if (!this.ended && !this.stopRequested) {
            setAssistantStatus(this.article, { status: 'interrupted', reason: 'client_disconnect' });
        }
        this.done();
    }

    done() {
        delete this.article.dataset.reconnecting;
        this.hooks.onEnd?.();
    }
}

function sleep(ms) {
    return ms > 0 ? new Promise(resolve => setTimeout(resolve, ms)) : Promise.resolve();
}
