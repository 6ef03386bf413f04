// Conversation ids are made by the page (the server creates a conversation on its first turn) and kept in
// the URL fragment, so a reload, a bookmark or a shared link reopens the same conversation.

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

/** A new random id: 128 bits as 32 hex digits, valid for the server ([A-Za-z0-9_-]{1,64}). */
export function newConversationId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // unlike randomUUID, available on plain-http origins too
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** The conversation id in the URL (#c=<id>), or null when there is none or it is not a valid id. */
export function conversationInUrl() {
    const id = new URLSearchParams(location.hash.slice(1)).get('c');
    return id && VALID.test(id) ? id : null;
}

/** Puts the id in the URL; push adds a history entry (back returns to the previous conversation). */
export function showConversationInUrl(cid, push) {
    const url = `${location.pathname}${location.search}#c=${cid}`;
    if (push) {
        history.pushState(null, '', url);
    } else {
        history.replaceState(null, '', url);
    }
}
