// The chat page: opens the conversation named in the URL, renders its healed transcript, streams new turns
// over fetch + SSE, and stops them on request. What the person sees while a reply streams is exactly what
// the server journaled as delivered, so a reload shows the same text (I1, I4, I6 in docs/guarantees.md).

import { ApiError, deleteConversation, getTranscript, listConversations, startTurn, stopTurn } from './api.js';
import { conversationInUrl, newConversationId, showConversationInUrl } from './ids.js';
import { assistantMessage, notice, setAssistantStatus, setAssistantText, userMessage } from './messages.js';
import { renderConversations } from './sidebar.js';
import { readEventBatches } from './sse.js';

const POLL_MS = 1500;
/** How long Stop waits for the server to journal it before the page closes the stream anyway. */
const STOP_WAIT_MS = 3000;

const ui = {
    app: document.querySelector('.app'),
    list: document.querySelector('[data-testid="conversations"]'),
    emptyList: document.getElementById('no-conversations'),
    newChat: document.querySelector('[data-testid="new-chat"]'),
    menu: document.getElementById('menu'),
    scrim: document.getElementById('scrim'),
    title: document.getElementById('conversation-title'),
    journalLink: document.getElementById('journal-link'),
    scroller: document.getElementById('scroller'),
    messages: document.getElementById('messages'),
    welcome: document.getElementById('welcome'),
    form: document.getElementById('composer'),
    prompt: document.querySelector('[data-testid="prompt"]'),
    send: document.querySelector('[data-testid="send"]'),
    stop: document.querySelector('[data-testid="stop"]'),
};

const state = {
    cid: null,
    title: null,
    /** The turn streaming into this page: {cid, turn, controller, stopRequested, text, lastEventId, article}. */
    live: null,
    pollTimer: null,
    loadSeq: 0,
};

// ---- conversations ------------------------------------------------------------------------------------------

async function openConversation(cid) {
    if (state.live && state.live.cid !== cid) {
        stop(); // leaving a conversation stops its reply where the person left it
    }
    clearTimeout(state.pollTimer);
    state.cid = cid;
    const seq = ++state.loadSeq;
    ui.messages.replaceChildren();
    setTitle(null);
    ui.app.classList.remove('drawer-open');
    markCurrentInList();
    let transcript;
    try {
        transcript = await getTranscript(cid);
    } catch (e) {
        if (seq === state.loadSeq) {
            showWelcome(false);
            ui.messages.appendChild(notice(describe(e), 'Could not open this conversation'));
        }
        return;
    }
    if (seq !== state.loadSeq) {
        return; // another conversation was opened meanwhile
    }
    renderTranscript(transcript);
}

function renderTranscript(transcript) {
    ui.messages.replaceChildren();
    const messages = transcript?.messages || [];
    setTitle(transcript?.title || null);
    showWelcome(messages.length === 0);
    for (const message of messages) {
        if (message.role === 'user') {
            ui.messages.appendChild(userMessage(message.text, message.turn));
        } else {
            const article = assistantMessage(message.turn);
            setAssistantText(article, message.text || '');
            setAssistantStatus(article, {
                status: message.status,
                reason: message.reason,
                error: message.error,
                live: false,
                model: message.model,
            });
            ui.messages.appendChild(article);
        }
    }
    scrollToEnd(true);
    if (transcript?.status === 'in_progress') {
        // another tab or client is streaming this conversation: follow it until it ends
        const cid = transcript.id;
        state.pollTimer = setTimeout(() => refreshTranscript(cid), POLL_MS);
    }
}

async function refreshTranscript(cid) {
    if (state.cid !== cid || state.live) {
        return;
    }
    try {
        const transcript = await getTranscript(cid);
        if (state.cid === cid && !state.live && transcript) {
            renderTranscript(transcript);
            if (transcript.status !== 'in_progress') {
                refreshList();
            }
        }
    } catch {
        state.pollTimer = setTimeout(() => refreshTranscript(cid), POLL_MS * 2);
    }
}

let listSeq = 0;

async function refreshList() {
    const seq = ++listSeq;
    try {
        const conversations = await listConversations();
        if (seq === listSeq) {
            renderConversations(ui.list, conversations, state.cid, remove);
            ui.emptyList.hidden = conversations.length > 0;
        }
    } catch {
        // the list is a convenience; the conversation view reports server trouble
    }
}

function markCurrentInList() {
    for (const link of ui.list.querySelectorAll('.conversation-link')) {
        const current = link.closest('.conversation').dataset.id === state.cid;
        if (current) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
}

async function remove(conversation) {
    const name = conversation.title || 'this conversation';
    if (!confirm(`Delete “${name}”? Its journal is removed for good.`)) {
        return;
    }
    try {
        await deleteConversation(conversation.id);
    } catch (e) {
        alert(describe(e));
        return;
    }
    if (conversation.id === state.cid) {
        newChat();
    }
    refreshList();
}

function newChat() {
    const cid = newConversationId();
    showConversationInUrl(cid, true);
    openConversation(cid);
    ui.prompt.focus();
}

// ---- turns --------------------------------------------------------------------------------------------------

async function send() {
    const prompt = ui.prompt.value;
    if (prompt.trim() === '' || state.live) {
        return;
    }
    clearTimeout(state.pollTimer);
    ui.prompt.value = '';
    autosize();
    showWelcome(false);
    if (!state.title) {
        setTitle(prompt.trim().replace(/\s+/g, ' '));
    }
    const question = userMessage(prompt);
    const article = assistantMessage();
    setAssistantText(article, '');
    setAssistantStatus(article, { status: 'in_progress', live: true });
    ui.messages.append(question, article);
    scrollToEnd(true);

    const live = {
        cid: state.cid,
        turn: null,
        controller: new AbortController(),
        stopRequested: false,
        text: '',
        lastEventId: null,
        article,
        ended: false,
    };
    state.live = live;
    setBusy(true);

    let response;
    try {
        response = await startTurn(live.cid, prompt, live.controller.signal);
    } catch (e) {
        if (live.stopRequested) {
            finishStopped(live);
        } else {
            // refused (409, 413...) or unreachable: nothing was journaled for it, so give the prompt back
            question.remove();
            article.remove();
            ui.messages.appendChild(notice(describe(e), e instanceof ApiError ? 'Not sent' : 'Could not reach Trueline'));
            if (ui.prompt.value === '') {
                ui.prompt.value = prompt;
                autosize();
            }
            showWelcome(ui.messages.children.length === 0);
        }
        endLive(live);
        return;
    }

    try {
        for await (const events of readEventBatches(response.body)) {
            if (live.stopRequested) {
                // Stop was clicked: what is on screen now is the answer, nothing more is rendered. The stream
                // is still drained, so the server is not held up writing, until it ends or stop() aborts it.
                continue;
            }
            applyEvents(live, events);
        }
        if (!live.ended && !live.stopRequested) {
            // the stream closed without an end or error event: the connection was cut somewhere
            lostConnection(live);
        }
    } catch (e) {
        if (live.stopRequested) {
            finishStopped(live);
        } else if (!live.ended) {
            lostConnection(live);
        }
    }
    endLive(live);
}

function applyEvents(live, events) {
    let grew = false;
    for (const { id, event, data } of events) {
        let payload;
        try {
            payload = JSON.parse(data);
        } catch {
            continue; // not wire protocol v1: ignore rather than break the view
        }
        if (event === 'turn') {
            live.turn = payload.turn;
            live.article.dataset.turn = String(payload.turn);
            live.article.previousElementSibling.dataset.turn = String(payload.turn);
            live.model = payload.model;
            refreshList(); // the conversation exists on the server from now on
        } else if (event === 'chunk') {
            live.text += payload.text;
            live.lastEventId = id;
            grew = true;
        } else if (event === 'end') {
            live.ended = true;
            render(live);
            setAssistantStatus(live.article, { status: 'complete', live: true, model: live.model });
        } else if (event === 'error') {
            live.ended = true;
            render(live);
            setAssistantStatus(live.article, {
                status: 'failed', live: true, error: { code: payload.code, message: payload.message },
            });
        }
    }
    if (grew && !live.ended) {
        render(live);
    }
}

/** Puts the received text on screen and remembers the id of the last event shown. */
function render(live) {
    const follow = nearBottom();
    setAssistantText(live.article, live.text);
    if (live.lastEventId) {
        live.article.dataset.lastEventId = live.lastEventId;
    }
    scrollToEnd(follow);
}

async function stop() {
    const live = state.live;
    if (!live || live.stopRequested || live.ended) {
        return;
    }
    // From this instant no further chunk is rendered: the screen keeps exactly what the person saw.
    live.stopRequested = true;
    finishStopped(live);
    if (live.turn) {
        // Tell the server what was rendered, so the journal keeps exactly that (I6), then leave. A failed or
        // slow answer only means the journal says how the turn really ended (e.g. Connection lost).
        try {
            await stopTurn(live.cid, live.turn, live.article.dataset.lastEventId || null, STOP_WAIT_MS);
        } catch {
            // nothing to do: the transcript shows the journal's reason after a reload
        }
    } // before the turn event the server cannot be told which turn: just abort (it journals client_disconnect)
    live.controller.abort();
}

function finishStopped(live) {
    setAssistantStatus(live.article, { status: 'interrupted', reason: 'user_stop' });
}

function lostConnection(live) {
    setAssistantStatus(live.article, { status: 'interrupted', reason: 'client_disconnect' });
}

function endLive(live) {
    if (state.live === live) {
        state.live = null;
        setBusy(false);
    }
    refreshList();
}

// ---- view helpers -------------------------------------------------------------------------------------------

function setBusy(busy) {
    ui.send.hidden = busy;
    ui.stop.hidden = !busy;
    ui.form.classList.toggle('busy', busy);
    updateSendEnabled();
    if (busy && document.activeElement === ui.send) {
        ui.prompt.focus({ preventScroll: true }); // the send button just hid; Escape in the box stops
    }
}

function updateSendEnabled() {
    ui.send.disabled = ui.prompt.value.trim() === '' || Boolean(state.live);
}

function setTitle(title) {
    state.title = title;
    ui.title.textContent = title || 'New chat';
    document.title = title ? `${title} · Trueline` : 'Trueline';
    ui.journalLink.hidden = !title;
    ui.journalLink.href = `/api/conversations/${encodeURIComponent(state.cid)}/journal`;
}

function showWelcome(show) {
    ui.welcome.hidden = !show;
}

function nearBottom() {
    const s = ui.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function scrollToEnd(force) {
    if (force) {
        ui.scroller.scrollTop = ui.scroller.scrollHeight;
    }
}

function autosize() {
    ui.prompt.style.height = 'auto';
    ui.prompt.style.height = `${Math.min(ui.prompt.scrollHeight, 220)}px`;
    updateSendEnabled();
}

function describe(error) {
    if (error instanceof ApiError) {
        return error.message;
    }
    return `The server could not be reached (${error?.message || error}). Check that Trueline is running.`;
}

// ---- wiring -------------------------------------------------------------------------------------------------

ui.form.addEventListener('submit', event => {
    event.preventDefault();
    send();
});
ui.prompt.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
    } else if (event.key === 'Escape' && state.live) {
        event.preventDefault();
        stop();
    }
});
ui.prompt.addEventListener('input', autosize);
ui.stop.addEventListener('click', stop);
ui.newChat.addEventListener('click', newChat);
ui.menu.addEventListener('click', () => {
    const open = ui.app.classList.toggle('drawer-open');
    ui.menu.setAttribute('aria-expanded', String(open));
});
ui.scrim.addEventListener('click', () => {
    ui.app.classList.remove('drawer-open');
    ui.menu.setAttribute('aria-expanded', 'false');
});
document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && ui.app.classList.contains('drawer-open')) {
        ui.app.classList.remove('drawer-open');
        ui.menu.setAttribute('aria-expanded', 'false');
    }
});
for (const chip of document.querySelectorAll('[data-suggestion]')) {
    chip.addEventListener('click', () => {
        ui.prompt.value = chip.dataset.suggestion;
        autosize();
        ui.prompt.focus();
    });
}
window.addEventListener('hashchange', () => {
    const cid = conversationInUrl();
    if (cid && cid !== state.cid) {
        openConversation(cid);
    }
});

const initial = conversationInUrl();
if (initial) {
    openConversation(initial);
} else {
    const cid = newConversationId();
    showConversationInUrl(cid, false);
    openConversation(cid);
}
refreshList();
autosize();
