// Line icons built with DOM calls, like everything else on the page: no markup strings.

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 stroke icon made of the given path data. */
export function icon(paths, { size = 16, strokeWidth = 2 } = {}) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('fill', 'none');
    svg.setAttribute('stroke', 'currentColor');
    svg.setAttribute('stroke-width', String(strokeWidth));
    svg.setAttribute('stroke-linecap', 'round');
    svg.setAttribute('stroke-linejoin', 'round');
    svg.setAttribute('aria-hidden', 'true');
    for (const d of paths) {
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', d);
        svg.appendChild(path);
    }
    return svg;
}

/** The Trueline mark: a line of text with a check. */
export function logo() {
    return icon(['M4 7h10', 'M4 12h7', 'M4 17h5', 'M13 16l3 3 5-6'], { size: 18, strokeWidth: 2.2 });
}

/** A bin, for deleting a conversation. */
export function trashIcon() {
    return icon(['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12', 'M9 7V4h6v3']);
}
