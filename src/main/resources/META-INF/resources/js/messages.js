// The DOM of one message. User text is shown as typed (textContent); assistant text goes through the safe
// Markdown renderer. Each message carries the test hooks data-testid="message", data-role and data-status.

import { logo } from './icons.js';
import { renderMarkdown } from './markdown.js';

/** What an interrupted turn is called, by the reason the journal gives. */
export function interruption(reason) {
    switch (reason) {
        case 'user_stop':
            return { label: 'Stopped', note: 'You stopped this reply. What you saw is kept.', tone: 'stopped' };
        case 'client_disconnect':
            return { label: 'Connection lost', note: 'The connection closed before the reply finished. '
                + 'Shown is what reached the screen.', tone: 'warning' };
        case 'server_stopped':
            return { label: 'Server restarted', note: 'The server stopped while writing this reply. '
                + 'Shown is everything it had saved.', tone: 'warning' };
        case 'shutdown':
            return { label: 'Server shut down', note: 'The server shut down while writing this reply.',
                tone: 'warning' };
        case 'slow_client':
            return { label: 'Connection too slow', note: 'The connection could not keep up, so the server let '
                + 'it go. The full reply may be longer.', tone: 'warning' };
        default:
            return { label: 'Interrupted', note: 'This reply did not finish.', tone: 'warning' };
    }
}

/** A user message. */
export function userMessage(text, turn) {
    const article = shell('user', turn);
    const body = article.querySelector('.message-body');
    body.textContent = text;
    article.dataset.status = 'complete';
    return article;
}

/** An assistant message; call setAssistantText and setAssistantStatus to fill it. */
export function assistantMessage(turn) {
    const article = shell('assistant', turn);
    const avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.appendChild(logo());
    article.prepend(avatar);
    const body = article.querySelector('.message-body');
    body.classList.add('markdown');
    const footer = document.createElement('div');
    footer.className = 'message-footer';
    article.querySelector('.bubble').appendChild(footer);
    return article;
}

/** Replaces the assistant text with the Markdown rendering of text. */
export function setAssistantText(article, text) {
    const body = article.querySelector('.message-body');
    body.replaceChildren(renderMarkdown(text));
    article.classList.toggle('empty', text === '');
}

/**
 * Shows a status: complete, in_progress (live: being streamed to this page; reconnecting: its connection
 * dropped and the page is resuming it), interrupted (with the journal's reason) or failed (with error {code,
 * message}).
 */
export function setAssistantStatus(article, { status, reason, error, live, model, reconnecting }) {
    article.dataset.status = status;
    if (reason) {
        article.dataset.reason = reason;
    } else {
        delete article.dataset.reason;
    }
    const body = article.querySelector('.message-body');
    const streaming = status === 'in_progress' && live;
    article.classList.toggle('streaming', Boolean(streaming));
    body.setAttribute('aria-busy', streaming ? 'true' : 'false');

    const footer = article.querySelector('.message-footer');
    footer.replaceChildren();
    if (status === 'complete') {
        if (model) {
            footer.appendChild(span('model', model));
        }
        return;
    }
    if (status === 'in_progress') {
        if (reconnecting) {
            footer.appendChild(badge('Reconnecting…', 'warning'));
            footer.appendChild(span('note', 'The connection dropped; the reply goes on from where it was.'));
            return;
        }
        footer.appendChild(badge(live ? 'Writing…' : 'Still running', 'progress'));
        if (!live) {
            footer.appendChild(span('note', 'The server is still writing this reply.'));
        }
        return;
    }
    if (status === 'interrupted') {
        const { label, note, tone } = interruption(reason);
        footer.appendChild(badge(label, tone));
        footer.appendChild(span('note', note));
        return;
    }
    if (status === 'failed') {
        footer.appendChild(badge('Error', 'error'));
        const box = document.createElement('div');
        box.className = 'message-error';
        box.setAttribute('role', 'alert');
        box.dataset.testid = 'message-error';
        const message = error?.message || 'The reply failed.';
        box.appendChild(span('error-text', message));
        if (error?.code) {
            box.appendChild(span('error-code', error.code));
        }
        footer.after(box);
        article.querySelectorAll('.message-error').forEach(old => old !== box && old.remove());
    }
}

/** A notice inside the conversation for something that is not a turn: a refused prompt, an unreachable server. */
export function notice(text, title) {
    const box = document.createElement('div');
    box.className = 'notice';
    box.dataset.testid = 'notice';
    box.setAttribute('role', 'alert');
    const heading = document.createElement('strong');
    heading.textContent = title;
    box.append(heading, span('notice-text', text));
    return box;
}

function shell(role, turn) {
    const article = document.createElement('article');
    article.className = `message ${role}`;
    article.dataset.testid = 'message';
    article.dataset.role = role;
    if (turn) {
        article.dataset.turn = String(turn);
    }
    article.setAttribute('aria-label', role === 'user' ? 'You said' : 'Trueline replied');
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    const body = document.createElement('div');
    body.className = 'message-body';
    body.dataset.testid = 'message-text';
    if (role === 'assistant') {
        body.setAttribute('aria-live', 'polite');
    }
    bubble.appendChild(body);
    article.appendChild(bubble);
    return article;
}

function badge(text, tone) {
    const b = span(`badge badge-${tone}`, text);
    b.dataset.testid = 'message-badge';
    return b;
}

function span(className, text) {
    const s = document.createElement('span');
    s.className = className;
    s.textContent = text;
    return s;
}

