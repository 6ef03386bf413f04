// Incremental Server-Sent Events parser (the WHATWG "event stream" rules) for a fetch() response body.
// EventSource cannot POST, so the page reads the turn's stream itself. The parser copes with anything a
// network may do to the bytes: CRLF, LF or CR line ends, a CR and its LF in different reads, a UTF-8
// character split across reads, multi-line data, comment lines (": ping") and a byte order mark.

/** Turns text pieces into events. Feed it in order; it keeps the unfinished line between calls. */
export class SseParser {
    constructor() {
        this.buffer = '';
        this.skipNextLf = false;
        this.started = false;
        this.resetEvent();
        /** The id of the last event parsed (the stream's Last-Event-ID). */
        this.lastEventId = '';
    }

    resetEvent() {
        this.eventType = '';
        this.data = [];
        this.hasData = false;
    }

    /** Parses the next piece of text; returns the events it completed, each {id, event, data}. */
    feed(text) {
        if (!this.started && text.length > 0) {
            this.started = true;
            if (text.charCodeAt(0) === 0xfeff) {
                text = text.slice(1);
            }
        }
        const events = [];
        let start = 0;
        const all = this.buffer + text;
        this.buffer = '';
        for (let i = 0; i < all.length; i++) {
            const c = all.charCodeAt(i);
            if (c === 10 && this.skipNextLf && i === start) {
                // the LF of a CRLF whose CR ended the previous line (possibly in the previous read)
                this.skipNextLf = false;
                start = i + 1;
                continue;
            }
            this.skipNextLf = false;
            if (c === 10 || c === 13) {
                this.line(all.slice(start, i), events);
                this.skipNextLf = c === 13;
                start = i + 1;
            }
        }
        this.buffer = all.slice(start);
        return events;
    }

    line(line, events) {
        if (line === '') {
            this.dispatch(events);
            return;
        }
        if (line.startsWith(':')) {
            return; // a comment: heartbeats keep proxies and idle timers quiet, nothing to show
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
            value = value.slice(1);
        }
        if (field === 'event') {
            this.eventType = value;
        } else if (field === 'data') {
            this.data.push(value);
            this.hasData = true;
        } else if (field === 'id') {
            if (!value.includes('\u0000')) {
                this.lastEventId = value;
            }
        }
        // "retry" and unknown fields are ignored: the page does not reconnect on its own
    }

    dispatch(events) {
        if (this.hasData) {
            events.push({ id: this.lastEventId, event: this.eventType || 'message', data: this.data.join('\n') });
        }
        this.resetEvent();
    }
}

/**
 * Reads a response body as SSE events. Yields arrays of events, one array per network read, so that the
 * caller can render once per read. An event cut off by the end of the stream is dropped, as the spec says.
 */
export async function* readEventBatches(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8');
    const parser = new SseParser();
    try {
        for (;;) {
            const { value, done } = await reader.read();
            if (done) {
                const rest = parser.feed(decoder.decode());
                if (rest.length > 0) {
                    yield rest;
                }
                return;
            }
            const events = parser.feed(decoder.decode(value, { stream: true }));
            if (events.length > 0) {
                yield events;
            }
        }
    } finally {
        reader.releaseLock();
    }
}
