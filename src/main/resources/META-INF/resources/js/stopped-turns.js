// The server records a Stop click and a dropped network the same way (aborted, client_disconnect): it cannot
// tell them apart. The page that saw the click remembers it here, so after a reload a turn the person stopped
// reads "Stopped" and one that lost its connection reads "Connection lost".

const KEY = 'trueline.stopped-turns';
const LIMIT = 500;

function load() {
    try {
        const stored = JSON.parse(localStorage.getItem(KEY) || '[]');
        return Array.isArray(stored) ? stored : [];
    } catch {
        return [];
    }
}

/** Remembers that the person stopped this turn. */
export function rememberStop(cid, turn) {
    try {
        const entries = load().filter(entry => entry !== `${cid}:${turn}`);
        entries.push(`${cid}:${turn}`);
        localStorage.setItem(KEY, JSON.stringify(entries.slice(-LIMIT)));
    } catch {
        // storage may be full or disabled; the turn then reads as "connection closed" after a reload
    }
}

/** Whether the person stopped this turn in this browser. */
export function wasStopped(cid, turn) {
    return load().includes(`${cid}:${turn}`);
}
