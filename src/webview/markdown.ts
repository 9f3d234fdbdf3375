// Markdown to safe HTML, one top-level block at a time. The reference "full render" of a text is the
// concatenation of its blocks rendered and sanitized one by one: sanitizing per block also keeps an
// unclosed tag in model output from swallowing the blocks after it, and it is what lets the incremental
// renderer produce exactly the same HTML.
import { Lexer, Marked, Parser, type Token, type TokensList, type Tokens } from 'marked';
import { escapeHtml } from '../shared/escape';
import { holdsParked } from './chunkParking';
import { LimitScanner, limitNotes, renderLimits, type LimitReason } from './renderLimits';
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
      // Escaped only: code is highlighted later, when it is on screen (codeBlocks.ts), never while parsing.
      code(token: Tokens.Code): string {
        const info = (token.lang ?? '').match(/^\S*/)?.[0] ?? '';
        const cls = info ? ` class="language-${escapeHtml(info)}"` : '';
        return `<pre><code${cls}>${escapeHtml(token.text.replace(/\n$/, ''))}\n</code></pre>\n`;
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
  // Blocks made only of markdown's own constructs skip DOMPurify (it parses a whole document per call, the
  // main cost of a long answer): their HTML is built only from escaped text. A block that is too big,
  // or that throws anywhere on the way, is shown as its escaped source: one block never fails the answer.
  const renderBlock = (token: Token): string => {
    if (token.type === 'space' || token.type === 'def') return '';
    if (token.raw.length > renderLimits.blockChars && token.type !== 'code') return plainHtml(token.raw, 'size');
    try {
      const html = parser.parse([token]);
      return needsSanitizer(token) ? sanitize(html) : html;
    } catch {
      return plainHtml(token.raw);
    }
  };
  return {
    lex,
    renderBlock,
    render: (input) => {
      const text = normalizeNewlines(input);
      const hit = new LimitScanner().scan(text, true);
      const source = hit ? text.slice(0, hit.at) : text;
      let html = '';
      let tokens: Token[];
      try {
        tokens = lex(source, Object.create(null));
      } catch {
        return plainHtml(text, 'failed');
      }
      let blocks = 0;
      let offset = 0;
      for (const token of tokens) {
        if (token.type !== 'space' && ++blocks > renderLimits.blocks) return html + plainHtml(text.slice(offset), 'blocks');
        html += renderBlock(token);
        offset += token.raw.length;
      }
      return hit ? html + plainHtml(text.slice(hit.at), hit.reason) : html;
    },
  };
}

/**
 * Token types whose HTML marked builds from escaped text and fixed tags and attributes. Anything else
 * (raw HTML, links, images, task-list checkboxes, types added later) goes through the sanitizer.
 */
const SAFE_TOKENS = new Set(['paragraph', 'text', 'strong', 'em', 'codespan', 'code', 'heading', 'list', 'list_item',
  'blockquote', 'hr', 'br', 'del', 'escape', 'space', 'table']);

/** Whether `token` or anything inside it may carry markup, URLs or attributes from the model. */
export function needsSanitizer(token: Token): boolean {
  if (!SAFE_TOKENS.has(token.type) || (token.type === 'list_item' && (token as Tokens.ListItem).task)) return true;
  const t = token as { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
  const children: Token[] = [...(t.tokens ?? []), ...(t.items ?? [])];
  for (const cell of [...(t.header ?? []), ...(t.rows ?? []).flat()]) children.push(...cell.tokens);
  return children.some(needsSanitizer);
}

/**
 * Characters per `<pre>` of text shown as is: a megabyte of it in one element would be laid out again
 * whole on every frame that appends to it.
 */
export const PLAIN_PIECE = 16_384;

/** Text shown as is: a note saying why (when a limit cut the rest off), then the escaped source in pieces. */
export function plainHtml(text: string, reason?: LimitReason): string {
  let html = reason ? `<p class="render-limit">${escapeHtml(t(limitNotes[reason]))}</p>` : '';
  let at = 0;
  do {
    html += `<pre class="render-plain">${escapeHtml(text.slice(at, at + PLAIN_PIECE))}</pre>\n`;
    at += PLAIN_PIECE;
  } while (at < text.length);
  return html;
}

/**
 * An answer made only of removed content (scripts, frames, forms) would render as a blank turn: it says so
 * instead. `root` holds the rendered answer, `text` its markdown source.
 */
export function markBlankAnswer(root: HTMLElement, text: string): void {
  root.querySelector(':scope > .answer-blank')?.remove();
  if (!text.trim() || root.querySelector('img, hr, pre') || holdsParked(root) || (root.textContent ?? '').trim()) return;
  const note = root.ownerDocument.createElement('p');
  note.className = 'answer-blank';
  note.textContent = t('answerBlank');
  root.append(note);
}

/** marked normalizes CR/CRLF itself; doing it first keeps our source offsets equal to the lexer's. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
