// Incremental markdown for a growing text (a streamed answer). Pure: no DOM.
//
// The text is split into committed top-level blocks, rendered once, and an open tail, re-lexed and
// re-rendered on every update. A block is committed only when later text can no longer change it: a
// following block has started AND that block's first line is complete (a paragraph, list, table, quote
// or indented code block is closed by what the next line turns out to be; an unclosed fence or HTML block
// runs to the end and so is always the tail). Reference definitions are the exception that reaches back:
// a `[x]: url` arriving later turns `[x]` in an earlier block into a link, so blocks that contain `[` are
// re-rendered whenever the set of definitions changes. The result equals `engine.render(text)` for every
// prefix (see test/unit/webview/incrementalMarkdown.test.ts).
import type { Token } from 'marked';
import { normalizeNewlines, type Links, type MarkdownEngine } from './markdown';

export interface RenderUpdate {
  /** HTML of blocks committed by this update, in order, to append after the committed ones. */
  appended: string[];
  /** True when earlier committed blocks were re-rendered (see `blocks`) and must be replaced. */
  rebuilt: boolean;
  /** HTML of the open tail, replacing the previous tail. */
  tail: string;
}

export class IncrementalMarkdown {
  private text = '';
  private offset = 0;                                        // length of the committed source
  private blocks: string[] = [];                             // HTML per committed block
  private linkBlocks: Array<{ index: number; raw: string }> = [];   // committed blocks that may hold reference links (not code)
  private links: Links = Object.create(null);               // definitions inside the committed source
  private linksKey = '';                                     // definitions the committed blocks were rendered with
  private tail = '';

  constructor(private readonly engine: MarkdownEngine) {}

  /** Committed blocks' HTML (after `rebuilt`, the whole committed part). */
  get committed(): readonly string[] {
    return this.blocks;
  }

  /** The full current HTML (committed blocks + tail). */
  get html(): string {
    return this.blocks.join('') + this.tail;
  }

  /** Takes the whole text so far; text that is not an extension of the previous one starts over. */
  update(input: string): RenderUpdate {
    const text = normalizeNewlines(input);
    let rebuilt = false;
    if (!text.startsWith(this.text)) {
      rebuilt = this.blocks.length > 0;
      this.reset();
    }
    this.text = text;
    const src = text.slice(this.offset);
    const tokens = this.engine.lex(src, this.links);
    const allLinks = tokens.links;
    const key = linksKeyOf(allLinks);
    if (key !== this.linksKey) {
      this.linksKey = key;
      for (const block of this.linkBlocks) {
        this.blocks[block.index] = this.engine.lex(block.raw, allLinks).map(this.engine.renderBlock).join('');
        rebuilt = true;
      }
    }
    const cut = commitCount(tokens, src);
    const appended: string[] = [];
    for (let i = 0; i < cut; i++) {
      const token = tokens[i];
      const html = this.engine.renderBlock(token);
      if (token.type !== 'code' && token.raw.includes('[')) this.linkBlocks.push({ index: this.blocks.length, raw: token.raw });
      if (token.type === 'def' && !Object.hasOwn(this.links, token.tag)) this.links[token.tag] = { href: token.href, title: token.title };
      this.blocks.push(html);
      appended.push(html);
      this.offset += token.raw.length;
    }
    let tail = '';
    for (let i = cut; i < tokens.length; i++) tail += this.engine.renderBlock(tokens[i]);
    this.tail = tail;
    return { appended: rebuilt ? [] : appended, rebuilt, tail };
  }

  /** The one full parse at the end; `changed` is false when the incremental output already equals it. */
  finish(input: string): { html: string; changed: boolean } {
    const html = this.engine.render(input);
    const changed = html !== this.html;
    this.reset();
    return { html, changed };
  }

  reset(): void {
    this.text = '';
    this.offset = 0;
    this.blocks = [];
    this.linkBlocks = [];
    this.links = Object.create(null);
    this.linksKey = '';
    this.tail = '';
  }
}

/**
 * Lines of a following block that must be complete before the blocks above it are final. One is not
 * enough with marked: whether `| a |` starts a table (and so ends the paragraph above) depends on the
 * delimiter row under it, and a list item line can still be folded back into the paragraph above
 * depending on the line after it.
 */
const LOOKAHEAD_LINES = 2;

/**
 * How many leading tokens are final: all those before the last non-space token whose first
 * LOOKAHEAD_LINES lines are complete. A definition directly followed by a line stays open (its title may
 * continue there).
 */
export function commitCount(tokens: readonly Token[], src: string): number {
  const starts: number[] = [];
  let pos = 0;
  for (const token of tokens) {
    starts.push(pos);
    pos += token.raw.length;
  }
  if (pos !== src.length) return 0;   // raws do not tile the source: never guess
  for (let j = tokens.length - 1; j > 0; j--) {
    if (tokens[j].type === 'space' || !completeLines(src, starts[j], LOOKAHEAD_LINES)) continue;
    let prev = j - 1;
    while (prev > 0 && tokens[prev].type === 'space') prev--;
    if (tokens[prev].type === 'def' && !/\n[ \t]*\n$/.test(src.slice(starts[prev], starts[j]))) continue;
    return j;
  }
  return 0;
}

function completeLines(src: string, from: number, count: number): boolean {
  let at = from - 1;
  for (let i = 0; i < count; i++) {
    at = src.indexOf('\n', at + 1);
    if (at === -1) return false;
  }
  return true;
}

function linksKeyOf(links: Links): string {
  let key = '';
  for (const tag in links) key += `${tag}\u0000${links[tag].href}\u0000${links[tag].title}\u0001`;
  return key;
}
