// Flattens an async source of event batches into an async iterator of single events. Events of a batch are
// handed out from memory with an already-resolved promise: one async-generator round trip per event was
// the largest per-event cost of the stream (see bench/glmStream.ts).

export class BatchIterator<T> implements AsyncIterableIterator<T> {
  private batch: readonly T[] = [];
  private pos = 0;

  /** `source` yields arrays (batches, flattened) or single items (passed through). */
  constructor(private readonly source: AsyncGenerator<readonly T[] | T, void, undefined>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.pos < this.batch.length) return Promise.resolve({ done: false, value: this.batch[this.pos++] });
    return this.pull();
  }

  /** Stopping early (a `break` in for-await) closes the source, which closes the connection. */
  async return(): Promise<IteratorResult<T, undefined>> {
    this.batch = [];
    this.pos = 0;
    await this.source.return(undefined);
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<T, undefined>> {
    this.batch = [];
    this.pos = 0;
    await this.source.return(undefined);
    throw error;
  }

  private async pull(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      const next = await this.source.next();
      if (next.done) return { done: true, value: undefined };
      const value = next.value;
      if (!Array.isArray(value)) return { done: false, value: value as T };
      if (value.length === 0) continue;
      this.batch = value;
      this.pos = 1;
      return { done: false, value: value[0] };
    }
  }
}
