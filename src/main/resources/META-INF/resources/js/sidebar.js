// The conversation list: newest first (the server sorts it), title from the first prompt, the status of the
// last turn as a badge, and a delete button per conversation.

import { trashIcon } from './icons.js';

const STATUS_LABELS = {
    complete: null,
    in_progress: 'Running',
    interrupted: 'Interrupted',
    failed: 'Failed',
};

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A short "5 minutes ago" for an ISO instant. */
export function ago(iso, now = Date.now()) {
    const then = Date.parse(iso);
    if (Number.isNaN(then)) {
        return '';
    }
    const seconds = Math.round((then - now) / 1000);
    const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month']];
    let value = seconds;
    for (const [size, unit] of steps) {
        if (Math.abs(value) < size) {
            return unit === 'second' ? 'just now' : relative.format(Math.round(value), unit);
        }
        value /= size;
    }
    return relative.format(Math.round(value), 'year');
}

/**
 * Renders the list into ul. onDelete(conversation) is called when its delete button is used; the current
 * conversation is marked with aria-current.
 */
export function renderConversations(ul, conversations, currentId, onDelete) {
    ul.replaceChildren();
    for (const conversation of conversations) {
        const li = document.createElement('li');
        li.className = 'conversation';
        li.dataset.id = conversation.id;
        li.dataset.status = conversation.status || '';

        const link = document.createElement('a');
        link.href = `#c=${encodeURIComponent(conversation.id)}`;
        link.className = 'conversation-link';
        if (conversation.id === currentId) {
            link.setAttribute('aria-current', 'page');
        }
        const title = document.createElement('span');
        title.className = 'conversation-title';
        title.textContent = conversation.title || 'Untitled';
        const meta = document.createElement('span');
        meta.className = 'conversation-meta';
        const when = document.createElement('time');
        when.dateTime = conversation.updated || '';
        when.textContent = ago(conversation.updated);
        meta.appendChild(when);
        const label = STATUS_LABELS[conversation.status];
        if (label) {
            const badge = document.createElement('span');
            badge.className = `list-badge list-badge-${conversation.status}`;
            badge.textContent = label;
            meta.appendChild(badge);
        }
        link.append(title, meta);

        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'conversation-delete';
        remove.setAttribute('aria-label', `Delete conversation “${conversation.title || conversation.id}”`);
        remove.title = 'Delete';
        remove.appendChild(trashIcon());
        remove.addEventListener('click', () => onDelete(conversation));

        li.append(link, remove);
        ul.appendChild(li);
    }
}

