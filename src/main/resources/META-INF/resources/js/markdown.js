// A small Markdown renderer for model output that builds DOM nodes only: every piece of model text reaches
// the page through createTextNode/textContent, never through innerHTML, so a reply containing
// "<img src=x onerror=...>" or "<script>" shows as the characters it is. Links are kept only for http(s)
// URLs and open with rel="noopener noreferrer".
//
// Supported: paragraphs (line breaks kept), fenced code blocks (``` or ~~~, unclosed while streaming),
// headings, bullet and numbered lists (nested by indentation), block quotes, horizontal rules, and inline
// code, **bold**, *italic*, [links](https://...), <https://...> and bare https:// URLs.

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,12})([-*+]|\d{1,9}[.)])([ \t]+)(.*)$/;
const PUNCTUATION = '\\`*_{}[]()#+-.!<>~|"\'';
const BARE_URL = /^https?:\/\/[^\s<>"]+/;

/** Renders Markdown text into a new DocumentFragment. */
export function renderMarkdown(text) {
    const fragment = document.createDocumentFragment();
    renderBlocks(String(text).split(/\r\n|\r|\n/), fragment);
    return fragment;
}

/** The href to use for a link target, or null when it is not an absolute http(s) URL. */
export function safeHref(raw) {
    try {
        const url = new URL(raw.trim());
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
        return null;
    }
}

function renderBlocks(lines, parent) {
    let i = 0;
    while (i < lines.length) {
        const line = lines[i];
        if (line.trim() === '') {
            i++;
        } else if (FENCE.test(line)) {
            i = codeBlock(lines, i, parent);
        } else if (HEADING.test(line)) {
            const [, hashes, content = ''] = HEADING.exec(line);
            const heading = element(`h${hashes.length}`, parent);
            renderInline(content, heading);
            i++;
        } else if (RULE.test(line)) {
            element('hr', parent);
            i++;
        } else if (QUOTE.test(line)) {
            i = blockQuote(lines, i, parent);
        } else if (ITEM.test(line)) {
            i = list(lines, i, parent);
        } else {
            i = paragraph(lines, i, parent);
        }
    }
}

function startsBlock(line) {
    return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

/** As in CommonMark, only a numbered list that starts at 1 may break into a paragraph ("in\n2024. it"). */
function interruptsParagraph(line) {
    const item = ITEM.exec(line);
    if (item && /\d/.test(item[2])) {
        return parseInt(item[2], 10) === 1;
    }
    return startsBlock(line);
}

function codeBlock(lines, start, parent) {
    const [, fence, language] = FENCE.exec(lines[start]);
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body = [];
    let i = start + 1;
    while (i < lines.length && !closing.test(lines[i])) {
        body.push(lines[i]);
        i++;
    }
    const pre = element('pre', parent);
    const code = element('code', pre);
    if (/^[\w+#.-]{1,32}$/.test(language)) {
        code.dataset.language = language;
        pre.dataset.language = language;
    }
    code.textContent = body.join('\n');
    return i < lines.length ? i + 1 : i; // an unclosed fence (still streaming) runs to the end
}

function blockQuote(lines, start, parent) {
    const inner = [];
    let i = start;
    while (i < lines.length && QUOTE.test(lines[i])) {
        inner.push(QUOTE.exec(lines[i])[1]);
        i++;
    }
    renderBlocks(inner, element('blockquote', parent));
    return i;
}

function list(lines, start, parent) {
    const first = ITEM.exec(lines[start]);
    const ordered = /\d/.test(first[2]);
    const baseIndent = first[1].length;
    const listElement = element(ordered ? 'ol' : 'ul', parent);
    if (ordered) {
        const number = parseInt(first[2], 10);
        if (number !== 1) {
            listElement.start = number;
        }
    }
    let i = start;
    while (i < lines.length) {
        const match = ITEM.exec(lines[i]);
        if (!match || match[1].length !== baseIndent || /\d/.test(match[2]) !== ordered) {
            break;
        }
        const contentIndent = match[1].length + match[2].length + match[3].length;
        const itemLines = [match[4]];
        i++;
        while (i < lines.length) {
            const line = lines[i];
            const indent = line.length - line.trimStart().length;
            if (line.trim() === '') {
                // a blank line ends the item unless the next line is indented into it
                const next = lines[i + 1];
                if (next !== undefined && next.trim() !== '' && next.length - next.trimStart().length >= contentIndent) {
                    itemLines.push('');
                    i++;
                    continue;
                }
                break;
            }
            if (indent > baseIndent) {
                itemLines.push(line.slice(Math.min(indent, contentIndent)));
                i++;
            } else if (!startsBlock(line)) {
                itemLines.push(line); // a lazy continuation of the item's paragraph
                i++;
            } else {
                break;
            }
        }
        const item = element('li', listElement);
        const tight = !itemLines.includes('') && !itemLines.slice(1).some(startsBlock);
        if (tight) {
            renderInline(itemLines.join('\n'), item);
        } else {
            renderBlocks(itemLines, item);
        }
        // blank lines between items of the same list keep the list going
        while (i < lines.length && lines[i].trim() === '' && i + 1 < lines.length) {
            const next = ITEM.exec(lines[i + 1]);
            if (next && next[1].length === baseIndent && /\d/.test(next[2]) === ordered) {
                i++;
            } else {
                break;
            }
        }
    }
    return i;
}

function paragraph(lines, start, parent) {
    const body = [lines[start]];
    let i = start + 1;
    while (i < lines.length && lines[i].trim() !== '' && !interruptsParagraph(lines[i])) {
        body.push(lines[i]);
        i++;
    }
    renderInline(body.join('\n'), element('p', parent));
    return i;
}

/** Renders inline Markdown into parent; text stays text (line breaks show through CSS pre-wrap). */
function renderInline(source, parent) {
    let text = '';
    const flush = () => {
        if (text !== '') {
            parent.appendChild(document.createTextNode(text));
            text = '';
        }
    };
    let i = 0;
    while (i < source.length) {
        const c = source[i];
        if (c === '\\' && i + 1 < source.length && PUNCTUATION.includes(source[i + 1])) {
            text += source[i + 1];
            i += 2;
            continue;
        }
        if (c === '`') {
            const run = runLength(source, i, '`');
            const close = findRun(source, i + run, '`', run);
            if (close >= 0) {
                flush();
                let content = source.slice(i + run, close).replace(/\n/g, ' ');
                if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ')) {
                    content = content.slice(1, -1);
                }
                element('code', parent).textContent = content;
                i = close + run;
            } else {
                text += '`'.repeat(run);
                i += run;
            }
            continue;
        }
        if (c === '*' || c === '_') {
            const emphasis = parseEmphasis(source, i);
            if (emphasis) {
                flush();
                renderInline(emphasis.inner, element(emphasis.strong ? 'strong' : 'em', parent));
                i = emphasis.end;
            } else {
                const run = runLength(source, i, c);
                text += c.repeat(run);
                i += run;
            }
            continue;
        }
        if (c === '[') {
            const link = parseLink(source, i);
            if (link) {
                flush();
                renderInline(link.label, anchor(link.href, parent));
                i = link.end;
                continue;
            }
        }
        if (c === '<') {
            const auto = /^<(https?:\/\/[^\s<>]+)>/.exec(source.slice(i));
            const href = auto && safeHref(auto[1]);
            if (href) {
                flush();
                anchor(href, parent).textContent = auto[1];
                i += auto[0].length;
                continue;
            }
        }
        if ((c === 'h' || c === 'H') && (i === 0 || !/[\w/]/.test(source[i - 1]))) {
            const bare = BARE_URL.exec(source.slice(i));
            if (bare) {
                const url = trimUrl(bare[0]);
                const href = safeHref(url);
                if (href) {
                    flush();
                    anchor(href, parent).textContent = url;
                    i += url.length;
                    continue;
                }
            }
        }
        text += c;
        i++;
    }
    flush();
}

function parseEmphasis(source, start) {
    const c = source[start];
    const run = runLength(source, start, c);
    const strong = run >= 2;
    const marker = strong ? c + c : c;
    const open = start + marker.length;
    if (open >= source.length || /\s/.test(source[open])) {
        return null;
    }
    if (c === '_' && start > 0 && /[\p{L}\p{N}]/u.test(source[start - 1])) {
        return null; // snake_case_names are not emphasis
    }
    let close = source.indexOf(marker, open + 1);
    while (close >= 0) {
        const after = source[close + marker.length];
        const endsWord = !/\s/.test(source[close - 1]);
        const longerRun = !strong && after === c; // "*a **b" : the single * must not close on a double
        const intraword = c === '_' && after !== undefined && /[\p{L}\p{N}]/u.test(after);
        if (endsWord && !longerRun && !intraword) {
            return { strong, inner: source.slice(open, close), end: close + marker.length };
        }
        close = source.indexOf(marker, close + (longerRun ? 2 : 1));
    }
    return null;
}

function parseLink(source, start) {
    let depth = 0;
    let i = start;
    for (; i < source.length; i++) {
        if (source[i] === '\\') {
            i++;
        } else if (source[i] === '[') {
            depth++;
        } else if (source[i] === ']' && --depth === 0) {
            break;
        }
    }
    if (i >= source.length || source[i + 1] !== '(') {
        return null;
    }
    const labelEnd = i;
    let parens = 0;
    let j = i + 1;
    for (; j < source.length; j++) {
        if (source[j] === '(') {
            parens++;
        } else if (source[j] === ')' && --parens === 0) {
            break;
        } else if (source[j] === '\n') {
            return null;
        }
    }
    if (j >= source.length) {
        return null;
    }
    const target = source.slice(labelEnd + 2, j).trim().replace(/^<(.*)>$/, '$1').split(/\s+/)[0] || '';
    const href = safeHref(target);
    if (!href) {
        return null; // javascript:, data:, relative and malformed targets stay visible as plain text
    }
    return { label: source.slice(start + 1, labelEnd), href, end: j + 1 };
}

function trimUrl(url) {
    let end = url.length;
    while (end > 0 && '.,;:!?\'"*_'.includes(url[end - 1])) {
        end--;
    }
    let trimmed = url.slice(0, end);
    // keep a closing parenthesis only when the URL opened one, as in wiki links
    while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) {
        trimmed = trimmed.slice(0, -1);
    }
    return trimmed;
}

function count(text, c) {
    return text.split(c).length - 1;
}

function runLength(source, start, c) {
    let n = 0;
    while (source[start + n] === c) {
        n++;
    }
    return n;
}

function findRun(source, from, c, length) {
    for (let i = from; i < source.length; i++) {
        if (source[i] === c) {
            const run = runLength(source, i, c);
            if (run === length) {
                return i;
            }
            i += run - 1;
        }
    }
    return -1;
}

function anchor(href, parent) {
    const a = element('a', parent);
    a.href = href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
}

function element(tag, parent) {
    return parent.appendChild(document.createElement(tag));
}
