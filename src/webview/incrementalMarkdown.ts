// Incremental markdown for a growing text (a streamed answer). Pure: no DOM.
//
// Text arrives by `append` (O(delta)); `render` turns what is new into DOM updates. The text is split
// into committed top-level blocks, rendered once, and an open tail, re-lexed and re-rendered on every
// update; only the uncommitted source is ever scanned or copied, so a frame costs the same at 2 MB as
// at 2 KB. Past a render limit (renderLimits.ts) the rest is plain text, appended as it comes. A block is committed only when later text can no longer change it: a
// following block has started AND that block's first line is complete (a paragraph, list, table, quote
// or indented code block is closed by what the next line turns out to be; an unclosed fence or HTML block
// runs to the end and so is always the tail). Reference definitions are the exception that reaches back:
// a `[x]: url` arriving later turns `[x]` in an earlier block into a link, so blocks that contain `[` are
// re-rendered whenever the set of definitions changes. The result equals `engine.render(text)` for every
// prefix (see test/unit/webview/incrementalMarkdown.test.ts).
import type { Token } from 'marked';
import { normalizeNewlines, plainHtml, type Links, type MarkdownEngine } from './markdown';
import { LimitScanner, renderLimits, type LimitReason } from './renderLimits';

export interface RenderUpdate {
  /** HTML of blocks committed by this update, in order, to append after the committed ones. */
  appended: string[];
  /** True when earlier committed blocks were re-rendered (see `committed`) and must be replaced. */
  rebuilt: boolean;
  /** HTML of the open tail, replacing the previous tail; undefined when it has not changed. */
  tail: string | undefined;
  /** Text past a render limit: `reason` on the update that hits it, then the new text each time. */
  plain?: { reason?: LimitReason; text: string };
}

/** An open tail bigger than this is re-rendered less often, in proportion to its size. */
const BIG_TAIL = 32_000;

export class IncrementalMarkdown {
  private text = '';                                         // everything appended (a rope: never read per frame)
  private src = '';                                          // the uncommitted source
  private heldCR = false;                                    // a '\r' at the end of a delta (maybe half of '\r\n')
  private blocks: string[] = [];                             // HTML per committed block
  private blockCount = 0;                                    // committed non-space blocks
  private linkBlocks: Array<{ index: number; raw: string }> = [];   // committed blocks that may hold reference links (not code)
  private links: Links = Object.create(null);               // definitions inside the committed source
  private linksKey = '';                                     // definitions the committed blocks were rendered with
  private tail = '';
  private scanner = new LimitScanner();
  private cut: { reason: LimitReason; sent: boolean } | undefined;
  private plain = '';                                        // text past the cut, all of it
  private plainNew = '';                                     // ... and the part not yet returned
  private skipped = 0;                                       // frames a big tail waited
  private tailChars = 0;                                     // uncommitted source left by the last render

  constructor(private readonly engine: MarkdownEngine) {}

  /** Committed blocks' HTML (after `rebuilt`, the whole committed part). */
  get committed(): readonly string[] {
    return this.blocks;
  }

  /** The full current HTML (committed blocks + tail + plain rest): what `engine.render` gives for the text. */
  get html(): string {
    const rest = this.cut ? plainHtml(this.plain, this.cut.reason) : '';
    return this.blocks.join('') + this.tail + rest;
  }

  /** True past a render limit: the rest is plain text. */
  get plainMode(): boolean {
    return this.cut !== undefined;
  }

  /** All the text appended so far. */
  get value(): string {
    return this.text;
  }

  append(delta: string): void {
    if (!delta) return;
    this.text += delta;
    let piece = (this.heldCR ? '\r' : '') + delta;
    this.heldCR = piece.endsWith('\r');
    if (this.heldCR) piece = piece.slice(0, -1);
    piece = normalizeNewlines(piece);
    if (this.cut) this.plainNew += piece; else this.src += piece;
  }

  /** Renders what is new; `final` renders everything (the answer ended), the tail included as committed. */
  render(final = false): RenderUpdate {
    if (final && this.heldCR) { this.heldCR = false; if (this.cut) this.plainNew += '\n'; else this.src += '\n'; }
    if (this.cut) return { appended: [], rebuilt: false, tail: undefined, plain: this.takePlain() };
    // Only a tail that stayed open is re-rendered less often; new text is rendered as it comes (the
    // caller bounds how much arrives per frame), else a growing burst would wait until the end.
    if (!final && this.tailChars > BIG_TAIL && ++this.skipped < this.tailChars / BIG_TAIL) {
      return { appended: [], rebuilt: false, tail: undefined };
    }
    this.skipped = 0;
    const hit = this.scanner.scan(this.src, final);
    const src = hit ? this.src.slice(0, hit.at) : this.src;
    let tokens: Token[] & { links?: Links };
    try {
      tokens = this.engine.lex(src, this.links);
    } catch {
      return this.startPlain(0, 'failed', false);
    }
    const rebuilt = this.relink(tokens.links ?? this.links);
    const cut = hit || final ? tokens.length : commitCount(tokens, src);
    const appended: string[] = [];
    let used = 0;
    for (let i = 0; i < cut; i++) {
      const token = tokens[i];
      if (token.type !== 'space' && ++this.blockCount > renderLimits.blocks) return this.startPlain(used, 'blocks', rebuilt, appended);
      const html = this.engine.renderBlock(token);
      if (token.type !== 'code' && token.raw.includes('[')) this.linkBlocks.push({ index: this.blocks.length, raw: token.raw });
      if (token.type === 'def' && !Object.hasOwn(this.links, token.tag)) this.links[token.tag] = { href: token.href, title: token.title };
      this.blocks.push(html);
      appended.push(html);
      used += token.raw.length;
    }
    if (hit) return this.startPlain(hit.at, hit.reason, rebuilt, appended);
    this.src = this.src.slice(used);
    this.tailChars = this.src.length;
    this.scanner.rebase(used);
    let tail = '';
    for (let i = cut; i < tokens.length; i++) tail += this.engine.renderBlock(tokens[i]);
    this.tail = tail;
    return { appended: rebuilt ? [] : appended, rebuilt, tail };
  }

  /** Takes the whole text so far; text that is not an extension of the previous one starts over. */
  update(input: string): RenderUpdate {
    let rebuilt = false;
    if (!input.startsWith(this.text)) {
      rebuilt = this.blocks.length > 0;
      this.reset();
    }
    this.append(input.slice(this.text.length));
    const update = this.render();
    return rebuilt ? { ...update, appended: [], rebuilt: true, tail: update.tail ?? this.tail } : update;
  }

  /** The end of the answer: the tail is committed as it is, with no second full parse. */
  finish(): RenderUpdate {
    return this.render(true);
  }

  reset(): void {
    this.text = '';
    this.src = '';
    this.heldCR = false;
    this.blocks = [];
    this.blockCount = 0;
    this.linkBlocks = [];
    this.links = Object.create(null);
    this.linksKey = '';
    this.tail = '';
    this.scanner = new LimitScanner();
    this.cut = undefined;
    this.plain = '';
    this.plainNew = '';
    this.skipped = 0;
    this.tailChars = 0;
  }

  /** A reference definition arrived: committed blocks that may use it are rendered again. */
  private relink(allLinks: Links): boolean {
    const key = linksKeyOf(allLinks);
    if (key === this.linksKey) return false;
    this.linksKey = key;
    for (const block of this.linkBlocks) {
      this.blocks[block.index] = this.engine.lex(block.raw, allLinks).map(this.engine.renderBlock).join('');
    }
    return this.linkBlocks.length > 0;
  }

  /** From `at` (in the uncommitted source) on, the answer is plain text. */
  private startPlain(at: number, reason: LimitReason, rebuilt: boolean, appended: string[] = []): RenderUpdate {
    this.plainNew = this.src.slice(at) + this.plainNew;
    this.src = '';
    this.tail = '';
    this.cut = { reason, sent: false };
    return { appended: rebuilt ? [] : appended, rebuilt, tail: '', plain: this.takePlain() };
  }

  private takePlain(): { reason?: LimitReason; text: string } {
    const text = this.plainNew;
    this.plain += text;
    this.plainNew = '';
    if (this.cut!.sent) return { text };
    this.cut!.sent = true;
    return { reason: this.cut!.reason, text };
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
