// Answers kept by their context, so undo/redo, re-typing and typing through a suggestion cost no request.
// A `Map` keeps insertion order: re-inserting on every hit makes its first key the least recently used.

export interface CacheContext {
  /** The document (its URI); typing-through only looks at answers for the same document. */
  document: string;
  /** The model and anything else that changes what the model would say. */
  variant: string;
  /** The cursor's offset in the document. */
  offset: number;
  /** Text before and after the cursor (as much as the prompt may use; the ends nearest the cursor matter). */
  prefix: string;
  suffix: string;
}

interface Entry {
  document: string;
  variant: string;
  /** Cursor offset when the answer was made, and the text just before it (to recognise the same place). */
  offset: number;
  prefixTail: string;
  suffixHead: string;
  completion: string;
}

export type CacheHit = { kind: 'cache' | 'typing'; text: string };

/** How much context around the cursor identifies "the same place"; more costs a longer key per keystroke. */
const PREFIX_KEY_CHARS = 2000;
const SUFFIX_KEY_CHARS = 500;

export class CompletionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 100) {}

  get size(): number {
    return this.entries.size;
  }

  /** Remembers an answer; an empty one too (asking again would give nothing again). */
  set(ctx: CacheContext, completion: string): void {
    const key = keyOf(ctx);
    this.entries.delete(key);
    this.entries.set(key, {
      document: ctx.document, variant: ctx.variant, offset: ctx.offset,
      prefixTail: ctx.prefix.slice(-PREFIX_KEY_CHARS), suffixHead: ctx.suffix.slice(0, SUFFIX_KEY_CHARS), completion,
    });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * The answer for exactly this context, else the rest of an answer the user is typing through: the
   * text typed since that answer was made is its start, and the text after the cursor is unchanged.
   */
  lookup(ctx: CacheContext): CacheHit | undefined {
    const key = keyOf(ctx);
    const exact = this.entries.get(key);
    if (exact) {
      this.entries.delete(key);
      this.entries.set(key, exact);
      return { kind: 'cache', text: exact.completion };
    }
    return this.typingThrough(ctx);
  }

  clear(): void {
    this.entries.clear();
  }

  private typingThrough(ctx: CacheContext): CacheHit | undefined {
    const suffixHead = ctx.suffix.slice(0, SUFFIX_KEY_CHARS);
    // Newest first: the suggestion on screen is the one being typed through.
    for (const e of [...this.entries.values()].reverse()) {
      if (e.document !== ctx.document || e.variant !== ctx.variant || e.suffixHead !== suffixHead) continue;
      const typed = ctx.offset - e.offset;
      if (typed <= 0 || typed >= e.completion.length || typed > ctx.prefix.length) continue;
      if (!e.completion.startsWith(ctx.prefix.slice(-typed))) continue;
      if (!ctx.prefix.slice(0, -typed).endsWith(e.prefixTail)) continue;
      return { kind: 'typing', text: e.completion.slice(typed) };
    }
    return undefined;
  }
}

function keyOf(ctx: CacheContext): string {
  return `${ctx.document}\u0000${ctx.variant}\u0000${ctx.prefix.slice(-PREFIX_KEY_CHARS)}\u0000${ctx.suffix.slice(0, SUFFIX_KEY_CHARS)}`;
}
