// The page's credential for Trueline's API, in `token` and `jwt` mode (docs/security.md). The page does not know the
// mode: it sends its first requests without a credential, and a 401 is what tells it to ask for one. The token is
// kept in sessionStorage (this tab, until it closes), sent as `Authorization: Bearer` on every API request, and
// forgotten on a 401, which asks for it again. It is never written to the console and never put in a URL.

const STORAGE_KEY = 'trueline.token';

/** Used when sessionStorage is not available (storage disabled): the token then lasts as long as the page. */
let memoryToken = null;
/** Shows the sign-in form and resolves with the token typed in; set by the page (setTokenAsker). */
let asker = null;
/** The question being asked, shared by every request that got a 401 meanwhile: one form, however many requests. */
let asking = null;

/** The page's way to ask for a token: `ask({refused})` resolves with the token (refused: the last one was refused). */
export function setTokenAsker(ask) {
    asker = ask;
}

export function currentToken() {
    try {
        return sessionStorage.getItem(STORAGE_KEY);
    } catch {
        return memoryToken;
    }
}

function keep(token) {
    try {
        sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
        memoryToken = token;
    }
}

function forget() {
    try {
        sessionStorage.removeItem(STORAGE_KEY);
    } catch {
        memoryToken = null;
    }
}

/**
 * A token as typed, or null when it cannot be one: an HTTP header carries visible ASCII only (and a token with
 * spaces inside would not survive `Bearer <token>`).
 */
export function normalizeToken(typed) {
    const token = (typed || '').trim();
    return /^[\x21-\x7e]+$/.test(token) ? token : null;
}

/**
 * fetch() with the page's credential. On a 401 the token it sent is forgotten, the page asks for one (once, for all
 * the requests refused meanwhile), and the request is sent again with it. A request refused with 401 did nothing on
 * the server, so sending it again is safe, a POST too. Aborting `init.signal` ends the wait for a token.
 */
export async function authorizedFetch(url, init = {}) {
    for (;;) {
        const sent = currentToken();
        const headers = new Headers(init.headers);
        if (sent) {
            headers.set('Authorization', `Bearer ${sent}`);
        }
        const response = await fetch(url, { ...init, headers });
        if (response.status !== 401 || !asker) {
            return response;
        }
        response.body?.cancel().catch(() => {}); // the problem says only "unauthorized": nothing to read
        if (sent && currentToken() === sent) {
            forget();
        }
        if (!currentToken()) {
            await untilAborted(init.signal, askOnce(Boolean(sent)));
        }
        // a token was typed in meanwhile (or another request's question got it): send the request again with it
    }
}

function askOnce(refused) {
    if (!asking) {
        asking = Promise.resolve(asker({ refused })).then(token => {
            keep(token);
        }).finally(() => {
            asking = null;
        });
    }
    return asking;
}

function untilAborted(signal, promise) {
    if (!signal) {
        return promise;
    }
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
