// The chat page: opens the conversation named in the URL, renders its healed transcript, streams new turns
// over fetch + SSE (resuming them by itself when the connection drops), follows a turn that is running already
// (after a reload, or from another tab), and stops them on request. What the person sees while a reply streams
// is exactly what the server journaled as delivered, so a reload shows the same text (I1, I4, I6 in
// docs/guarantees.md).

import { currentToken, setTokenAsker } from './auth.js';
import { ApiError, deleteConversation, getJournal, getTranscript, listConversations, startTurn } from './api.js';
import { LiveTurn } from './follow.js';
import { conversationInUrl, newConversationId, showConversationInUrl } from './ids.js';
import { askForToken } from './login.js';
import { assistantMessage, notice, setAssistantStatus, setAssistantText, userMessage } from './messages.js';
import { renderConversations } from './sidebar.js';

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
    /** The turn streaming into this page (a LiveTurn), started here or followed. */
    live: null,
    loadSeq: 0,
};

// ---- conversations ------------------------------------------------------------------------------------------

/**
 * Shows conversation cid. A conversation this page just made up (`fresh`) does not exist on the server yet, so
 * it is not asked for.
 */
async function openConversation(cid, { fresh = false } = {}) {
    if (state.live && state.live.cid !== cid) {
        stop(); // leaving a conversation stops its reply where the person left it
    }
    state.cid = cid;
    const seq = ++state.loadSeq;
    ui.messages.replaceChildren();
    setTitle(null);
    ui.app.classList.remove('drawer-open');
    markCurrentInList();
    if (fresh) {
        renderTranscript(null);
        return;
    }
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
    let running = null;
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
            running = message.status === 'in_progress' ? { message, article } : null;
        }
    }
    scrollToEnd(true);
    if (running && !state.live) {
        // a reload during the answer, or another tab streaming it: follow it live from what is shown
        followRunning(transcript.id, running.message, running.article);
    }
}

function followRunning(cid, message, article) {
    const live = new LiveTurn({
        cid,
        article,
        turn: message.turn,
        text: message.text || '',
        chunks: message.chunks || 0,
        model: message.model,
    });
    live.hooks = hooksFor(live);
    setAssistantStatus(article, { status: 'in_progress', live: true });
    beginLive(live);
    live.follow();
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
    openConversation(cid, { fresh: true });
    ui.prompt.focus();
}

// ---- turns --------------------------------------------------------------------------------------------------

async function send() {
    const prompt = ui.prompt.value;
    if (prompt.trim() === '' || state.live) {
        return;
    }
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

    const live = new LiveTurn({ cid: state.cid, article });
    live.hooks = hooksFor(live, question);
    beginLive(live);

    let response;
    try {
        response = await startTurn(live.cid, prompt, live.controller.signal);
    } catch (e) {
        if (live.stopRequested) {
            endLive(live);
            return;
        }
        // refused (409, 413...) or unreachable: nothing was journaled for it, so give the prompt back
        question.remove();
        article.remove();
        ui.messages.appendChild(notice(describe(e), e instanceof ApiError ? 'Not sent' : 'Could not reach Trueline'));
        if (ui.prompt.value === '') {
            ui.prompt.value = prompt;
            autosize();
        }
        showWelcome(ui.messages.children.length === 0);
        endLive(live);
        return;
    }
    live.start(response);
}

/** What the page does as a live turn goes: number its messages, keep the view at the end, tidy up after. */
function hooksFor(live, question) {
    return {
        onTurn(turn) {
            question?.setAttribute('data-turn', String(turn));
            refreshList(); // the conversation exists on the server from now on
        },
        onRender() {
            scrollToEnd(nearBottom());
        },
        onReload() {
            openConversation(live.cid);
        },
        onEnd() {
            endLive(live);
        },
    };
}

function stop() {
    state.live?.stop();
}

/**
 * Opens the journal in a new tab. A plain link is a navigation, which cannot carry the page's token: with one, the
 * page fetches the journal itself and opens a copy of it (a blob: URL of this origin, so no token in any URL).
 */
async function openJournal(event) {
    if (!currentToken()) {
        return; // none mode: the link itself works
    }
    event.preventDefault();
    const cid = state.cid;
    let text;
    try {
        text = await getJournal(cid);
    } catch (e) {
        alert(describe(e));
        return;
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function beginLive(live) {
    state.live = live;
    setBusy(true);
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
ui.journalLink.addEventListener('click', openJournal);
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

setTokenAsker(askForToken); // in token and jwt mode: the first 401 asks for the token
const initial = conversationInUrl();
if (initial) {
    openConversation(initial);
} else {
    const cid = newConversationId();
    showConversationInUrl(cid, false);
    openConversation(cid, { fresh: true });
}
refreshList();
autosize();
