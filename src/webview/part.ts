// The part contract, after VS Code's own chat (`chatContentParts.ts`): every piece of the chat that the
// state can change (a turn, a tool step, an approval card, a diff, an image chip) is a part. A part owns
// one DOM node and whatever it started (timers, observers, listeners), and says whether new content would
// look the same, so an update rebuilds only the parts that changed.
//
// To add a kind of part: implement `Part<C>` for its content type C (plain data from `src/shared/protocol`),
// build the DOM in the constructor, make `update` cheap when only a little changed, free everything in
// `dispose`. Lists of parts (tool steps of an answer, turns of a chat) go through `PartList`.
export interface Part<C> {
  /** The one root node, appended by the owner; the part never moves it. */
  readonly domNode: HTMLElement;
  /** True when showing `other` would not change the DOM (the owner then skips `update`). */
  hasSameContent(other: C): boolean;
  /** Shows `content`; only called when `hasSameContent(content)` is false. */
  update(content: C): void;
  dispose(): void;
}

/**
 * Keeps a container's children equal to one part per content, in order: parts are matched by key, reused
 * when their content is the same, updated when it differs, created for new keys and disposed for gone ones.
 */
export class PartList<C> {
  private parts = new Map<string, Part<C>>();

  constructor(
    private readonly container: HTMLElement,
    private readonly keyOf: (content: C) => string,
    private readonly create: (content: C) => Part<C>,
  ) {}

  set(contents: readonly C[]): void {
    const next = new Map<string, Part<C>>();
    const nodes: HTMLElement[] = [];
    for (const content of contents) {
      const key = this.keyOf(content);
      let part = this.parts.get(key);
      if (part) {
        this.parts.delete(key);
        if (!part.hasSameContent(content)) part.update(content);
      } else {
        part = this.create(content);
      }
      next.set(key, part);
      nodes.push(part.domNode);
    }
    for (const gone of this.parts.values()) gone.dispose();
    this.parts = next;
    const same = nodes.length === this.container.childNodes.length && nodes.every((n, i) => this.container.childNodes[i] === n);
    if (!same) this.container.replaceChildren(...nodes);
  }

  get size(): number {
    return this.parts.size;
  }

  dispose(): void {
    for (const part of this.parts.values()) part.dispose();
    this.parts.clear();
    this.container.replaceChildren();
  }
}
