// Text waiting to be rendered, taken from the front a slice at a time. A string would be copied whole on
// every take (`rest = rest.slice(n)` flattens what is left: megabytes per frame after a burst, and as much
// garbage); pieces as they came cost only what is taken.

export class TextQueue {
  private pieces: string[] = [];
  private head = 0;          // pieces before this one are taken
  private offset = 0;        // characters of pieces[head] already taken
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(text: string): void {
    if (!text) return;
    this.pieces.push(text);
    this.size += text.length;
  }

  /** Removes and returns up to `count` characters from the front. */
  take(count: number): string {
    let out = '';
    while (count > 0 && this.head < this.pieces.length) {
      const piece = this.pieces[this.head];
      const part = piece.slice(this.offset, this.offset + count);
      out += part;
      count -= part.length;
      this.size -= part.length;
      this.offset += part.length;
      if (this.offset >= piece.length) { this.head++; this.offset = 0; }
    }
    if (this.head > 64 && this.head * 2 > this.pieces.length) this.compact();
    return out;
  }

  /** Everything still queued, without taking it. */
  peekAll(): string {
    return this.pieces.length > this.head ? this.pieces[this.head].slice(this.offset) + this.pieces.slice(this.head + 1).join('') : '';
  }

  /** The last `count` characters queued (all of them when fewer), without taking them. */
  peekEnd(count: number): string {
    let out = '';
    for (let i = this.pieces.length - 1; i >= this.head && out.length < count; i--) {
      out = (i === this.head ? this.pieces[i].slice(this.offset) : this.pieces[i]) + out;
    }
    return out.slice(-count);
  }

  clear(): void {
    this.pieces = [];
    this.head = 0;
    this.offset = 0;
    this.size = 0;
  }

  private compact(): void {
    this.pieces = this.pieces.slice(this.head);
    this.head = 0;
  }
}
