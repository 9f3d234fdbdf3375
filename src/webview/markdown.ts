// Markdown to safe HTML, one top-level block at a time. The reference "full render" of a text is the
// concatenation of its blocks rendered and sanitized one by one: sanitizing per block also keeps an
// unclosed tag in model output from swallowing the blocks after it, and it is what lets the incremental
// renderer produce exactly the same HTML.
import { Lexer, Marked, Parser, type Token, type TokensList, type Tokens } from 'marked';
import { escapeHtml, highlightCode } from './highlight';
import type { Sanitize } from './sanitize';
import { t } from './strings';

export type Links = TokensList['links'];

export interface MarkdownEngine {
  /** Block tokens of `src` (inline tokens included), with `links` taken as already defined before it. */
  lex(src: string, links: Links): TokensList;
  /** Sanitized HTML of one top-level token. */
  renderBlock(token: Token): string;
  /** The reference full render of `text`. */
  render(text: string): string;
}

export function createMarkdownEngine(sanitize: Sanitize): MarkdownEngine {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      code(token: Tokens.Code): string {
        const info = (token.lang ?? '').match(/^\S*/)?.[0] ?? '';
        const { html, language } = highlightCode(token.text.replace(/\n$/, ''), info, isOpenFence(token));
        const cls = language ? ` class="hljs language-${escapeHtml(language)}"` : info ? ` class="language-${escapeHtml(info)}"` : '';
        return `<pre><code${cls}>${html}\n</code></pre>\n`;
      },
    },
  });
  const options = marked.defaults;
  const parser = new Parser(options);

  const lex = (src: string, links: Links): TokensList => {
    const lexer = new Lexer(options);
    lexer.tokens.links = Object.assign(Object.create(null), links);
    return lexer.lex(src);
  };
  // Code blocks skip DOMPurify: their HTML is built here only from escaped text and highlight.js spans
  // (which escapes all text), and sanitizing thousands of spans per frame was the main streaming cost.
  const renderBlock = (token: Token): string => {
    if (token.type === 'space' || token.type === 'def') return '';
    return token.type === 'code' ? parser.parse([token]) : sanitize(parser.parse([token]));
  };
  return {
    lex,
    renderBlock,
    render: (text) => {
      let html = '';
      for (const token of lex(normalizeNewlines(text), Object.create(null))) html += renderBlock(token);
      return html;
    },
  };
}

/**
 * An answer made only of removed content (scripts, frames, forms) would render as a blank turn: it says so
 * instead. `root` holds the rendered answer, `text` its markdown source.
 */
export function markBlankAnswer(root: HTMLElement, text: string): void {
  root.querySelector(':scope > .answer-blank')?.remove();
  if (!text.trim() || root.querySelector('img, hr, pre') || (root.textContent ?? '').trim()) return;
  const note = root.ownerDocument.createElement('p');
  note.className = 'answer-blank';
  note.textContent = t('answerBlank');
  root.append(note);
}

/** A fenced block whose closing fence has not arrived (yet): it is highlighted once it closes. */
export function isOpenFence(token: Tokens.Code): boolean {
  if (token.codeBlockStyle === 'indented') return false;
  const raw = token.raw.replace(/\n+$/, '');
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
  const lastBreak = raw.lastIndexOf('\n');
  if (!open || lastBreak < 0) return true;
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw.slice(lastBreak + 1));
  return !(close && close[1][0] === open[1][0] && close[1].length >= open[1].length);
}

/** marked normalizes CR/CRLF itself; doing it first keeps our source offsets equal to the lexer's. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
