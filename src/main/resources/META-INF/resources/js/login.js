// The sign-in form: a modal <dialog> in index.html that asks for the access token when the API answered 401
// (auth.js decides when). The page can do nothing without the token, so the form stays until one is given.

import { normalizeToken } from './auth.js';

const dialog = document.getElementById('sign-in');
const form = document.getElementById('sign-in-form');
const input = document.getElementById('sign-in-token');
const error = document.getElementById('sign-in-error');

let answer = null;

/**
 * Shows the form and resolves with the token typed in. `refused`: the token the page had was refused, which the
 * form says (it is not shown again).
 */
export function askForToken({ refused = false } = {}) {
    return new Promise(resolve => {
        answer = resolve;
        showError(refused ? 'That token was refused. Check it and sign in again.' : null);
        input.value = '';
        open();
    });
}

function open() {
    if (!dialog.open) {
        dialog.showModal();
    }
    input.focus();
}

function showError(message) {
    error.textContent = message || '';
    error.hidden = !message;
    if (message) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-errormessage', 'sign-in-error');
    } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-errormessage');
    }
}

form.addEventListener('submit', event => {
    event.preventDefault();
    const token = normalizeToken(input.value);
    if (!token) {
        showError('Enter the access token: printable characters, no spaces.');
        input.focus();
        return;
    }
    input.value = ''; // the form does not keep it; auth.js does
    const resolve = answer;
    answer = null;
    dialog.close();
    resolve?.(token);
});

// Escape would close the dialog and leave a page that cannot load anything: keep it open while a token is owed.
dialog.addEventListener('cancel', event => {
    if (answer) {
        event.preventDefault();
    }
});
dialog.addEventListener('close', () => {
    if (answer) {
        open(); // closed without a token (a browser may let a repeated Escape through): ask again
    }
});
