// Follows a span of a document (by offsets) through edits, and notices edits inside it. Pure, so the
// arithmetic is unit-tested; the host feeds it the editor's change events.

/** One change of a document, as VS Code reports it: `length` characters at `offset` replaced by `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

export class RegionTracker {
  private touchedInside = false;
  private readonly expected: TextChange[] = [];

  constructor(
    public start: number,
    public end: number,
  ) {}

  /** True once an edit landed inside the span (or the host declared it lost, e.g. the document closed). */
  get touched(): boolean {
    return this.touchedInside;
  }

  /** Marks the span as lost; returns whether this is the first time. */
  markTouched(): boolean {
    const first = !this.touchedInside;
    this.touchedInside = true;
    return first;
  }

  /**
   * Announces an edit of ours inside the span (offsets in the current document), before it is applied, so
   * it grows or shrinks the span instead of counting as a conflict. The returned function withdraws it.
   */
  expectOwnEdit(offset: number, length: number, text: string): () => void {
    const entry = { offset, length, text };
    this.expected.push(entry);
    return () => {
      const i = this.expected.indexOf(entry);
      if (i >= 0) this.expected.splice(i, 1);
    };
  }

  /** Applies one change; returns true when it is the first one to touch the span. */
  apply(change: TextChange): boolean {
    const delta = change.text.length - change.length;
    const own = this.expected.findIndex(
      (x) => x.offset === change.offset && x.length === change.length && x.text === change.text,
    );
    if (own >= 0) {
      this.expected.splice(own, 1);
      this.end += delta;
      return false;
    }
    if (change.offset + change.length <= this.start) {
      // Before the span (an insertion at its start counts as before): the span shifts.
      this.start += delta;
      this.end += delta;
      return false;
    }
    if (change.offset >= this.end) return false; // after the span: nothing moves
    return this.markTouched();
  }
}
