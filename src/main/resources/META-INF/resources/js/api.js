// The page's calls to Trueline's HTTP API. Errors before a stream starts come back as RFC 9457
// problem+json; ApiError carries its human-readable detail so the page can show it in the conversation.
// Every call goes through authorizedFetch, which sends the page's credential (auth.js).

import { authorizedFetch } from './auth.js';

/** An HTTP error answer, with the problem's detail when the server sent one. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `The server answered ${status}.`);
        this.name = 'ApiError';
        this.status = status;
        this.code = problem?.code || null;
        this.title = problem?.title || null;
    }
}

const base = '/api/conversations';

/** Every conversation, newest first. */
export async function listConversations() {
    return json(await authorizedFetch(base, { headers: { Accept: 'application/json' } }));
}

/** The healed transcript, or null when the conversation does not exist yet. */
export async function getTranscript(cid) {
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}`, {
        headers: { Accept: 'application/json' },
    });
    if (response.status === 404) {
        return null;
    }
    return json(response);
}

/** The raw JSONL journal, as text. */
export async function getJournal(cid) {
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}/journal`);
    if (!response.ok) {
        throw await problemOf(response);
    }
    return response.text();
}

export async function deleteConversation(cid) {
    // Content-Type on a body-less request: the server refuses a state change without it (a cross-site page cannot
    // send it without a CORS preflight).
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}`, {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' },
    });
    if (!response.ok && response.status !== 404) {
        throw await problemOf(response);
    }
}

/**
 * Starts a turn. Resolves to the streaming response once the server accepted the prompt (its body is the
 * SSE stream); rejects with an ApiError for a refusal (400, 409, 413, 503...) and with the fetch's own error
 * when the server cannot be reached or the signal aborts.
 */
export async function startTurn(cid, prompt, signal) {
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}/turns`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ prompt }),
        signal,
        cache: 'no-store',
    });
    if (!response.ok) {
        throw await problemOf(response);
    }
    return response;
}

/**
 * Follows a turn from the event after lastEventId (`<turn>:<seq>`; null: from its start). Resolves to the streaming
 * response, or to null when the server answers 204 (lastEventId named the turn's end: there is nothing more);
 * rejects with an ApiError (404: no such turn) or the fetch's own error when the server cannot be reached.
 */
export async function followTurn(cid, turn, lastEventId, signal) {
    const headers = { Accept: 'text/event-stream' };
    if (lastEventId) {
        headers['Last-Event-ID'] = lastEventId;
    }
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}/turns/${turn}/events`, {
        headers,
        signal,
        cache: 'no-store',
    });
    if (response.status === 204) {
        return null;
    }
    if (!response.ok) {
        throw await problemOf(response);
    }
    return response;
}

/**
 * Stops a running turn at what the page rendered: lastEventId is the id of the last event shown (null when
 * none was). Resolves once the server journaled the stop (204) or accepted it (202); rejects with an ApiError
 * (e.g. 409 when the turn already ended) or when no answer came within timeoutMs.
 */
export async function stopTurn(cid, turn, lastEventId, timeoutMs) {
    const headers = { 'Content-Type': 'application/json' }; // refused without it, as for deleteConversation
    if (lastEventId) {
        headers['Last-Event-ID'] = lastEventId;
    }
    const response = await authorizedFetch(`${base}/${encodeURIComponent(cid)}/turns/${turn}/stop`, {
        method: 'POST',
        headers,
        signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
        throw await problemOf(response);
    }
}

async function json(response) {
    if (!response.ok) {
        throw await problemOf(response);
    }
    return response.json();
}

async function problemOf(response) {
    let problem = null;
    try {
        const type = response.headers.get('Content-Type') || '';
        if (type.includes('json')) {
            problem = await response.json();
        }
    } catch {
        // a body that is not JSON: the status alone has to do
    }
    return new ApiError(response.status, problem);
}
