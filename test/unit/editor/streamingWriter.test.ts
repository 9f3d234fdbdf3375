import assert from 'node:assert/strict';
import { EditorClosedError, StreamingWriter, type SpanEditor, type UndoStops } from '../../../src/editor/streamingWriter';

/**
 * A document span with VS Code's undo grouping: an edit with `stopBefore` (or the first edit after a save)
 * opens a new undo group, `stopAfter` closes the open one; `undo()` rolls back the newest group.
 */
class FakeSpan implements SpanEditor {
  text: string;
  conflict = false;
  closed = false;
  saved = false;
  refusals = 0;
  marks: Array<number | undefined> = [];
  readonly edits: Array<{ offset: number; length: number; text: string } & UndoStops> = [];
  private groups: string[] = [];
  private open = false;
  private gate: Promise<void> = Promise.resolve();

  constructor(text: string) {
    this.text = text;
  }

  /** Holds the next edits until `release()` (an editor busy applying an earlier edit). */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((r) => (release = r));
    return release;
  }

  async replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean> {
    await this.gate;
    if (this.refusals > 0) {
      this.refusals--;
      return false;
    }
    if (undo.stopBefore || !this.open) {
      this.groups.push(this.text);
      this.open = true;
    }
    this.text = this.text.slice(0, offset) + text + this.text.slice(offset + length);
    if (length > 0 || text) this.saved = false;
    this.edits.push({ offset, length, text, ...undo });
    if (undo.stopAfter) this.open = false;
    return true;
  }

  mark(length: number | undefined): void {
    this.marks.push(length);
  }

  save(): void {
    this.open = false;
    this.saved = true;
  }

  undo(): void {
    this.text = this.groups.pop() ?? this.text;
    this.open = false;
  }
}

const CLOSED = 'The editor was closed.';

function writerFor(span: FakeSpan, signal = new AbortController().signal): StreamingWriter {
  return new StreamingWriter(span.text, span, CLOSED, signal);
}

const failOnError = (err: unknown): never => assert.fail(`unexpected error ${String(err)}`);

describe('StreamingWriter', () => {
  it('streams code as prefix edits that form one undo step', async () => {
    const span = new FakeSpan('old');
    const w = writerFor(span);
    for (const t of ['c', 'co', 'cod', 'code']) {
      w.stream(t, failOnError);
      await w.settle();
    }
    await w.finish('code!');
    assert.equal(span.text, 'code!');
    assert.deepEqual(span.edits.map((e) => [e.offset, e.length, e.text]), [[0, 3, 'c'], [1, 0, 'o'], [2, 0, 'd'], [3, 0, 'e'], [4, 0, '!']]);
    assert.deepEqual(span.edits.map((e) => [e.stopBefore, e.stopAfter]), [[true, false], [false, false], [false, false], [false, false], [false, true]]);
    span.undo();
    assert.equal(span.text, 'old', 'one undo restores the original');
    assert.deepEqual(span.marks, [1, 2, 3, 4, undefined]);
  });

  it('coalesces text that arrives while an edit is applied: the latest wins', async () => {
    const span = new FakeSpan('');
    const w = writerFor(span);
    const release = span.hold();
    w.stream('a', failOnError);
    w.stream('ab', failOnError);
    w.stream('abc', failOnError);
    release();
    await w.settle();
    assert.deepEqual(span.edits.map((e) => e.text), ['a', 'bc']);
    assert.equal(w.text, 'abc');
  });

  it('after a save midway, rewrites the result as its own undo step so one undo still restores the original', async () => {
    const span = new FakeSpan('original');
    const w = writerFor(span);
    w.stream('GEN', failOnError);
    await w.settle();
    span.save();
    w.noteSave();
    w.stream('GENERATED', failOnError);
    await w.settle();
    await w.finish('GENERATED CODE');
    assert.equal(span.text, 'GENERATED CODE');
    span.undo();
    assert.equal(span.text, 'original');
  });

  it('notices a save whose event has not arrived yet by the clean document', async () => {
    const span = new FakeSpan('original');
    const w = writerFor(span);
    w.stream('GENERATED', failOnError);
    await w.settle();
    span.save();
    await w.finish('GENERATED');
    span.undo();
    assert.equal(span.text, 'original');
  });

  it('counts a save that lands while the first edit is applied', async () => {
    const span = new FakeSpan('original');
    const w = writerFor(span);
    const release = span.hold();
    w.stream('GEN', failOnError);
    w.noteSave();
    release();
    await w.settle();
    span.save();
    w.stream('GENERATED', failOnError);
    await w.settle();
    await w.finish('GENERATED CODE');
    span.undo();
    assert.equal(span.text, 'original');
  });

  it('keeps the code that arrived as one undo step (Keep after Stop), with a save midway too', async () => {
    for (const saved of [false, true]) {
      const span = new FakeSpan('x');
      const w = writerFor(span);
      w.stream('partial', failOnError);
      await w.settle();
      if (saved) {
        span.save();
        w.noteSave();
      }
      await w.finish(w.text);
      assert.equal(span.text, 'partial');
      assert.ok(span.edits.at(-1)?.stopAfter, 'the undo step is closed');
      span.undo();
      assert.equal(span.text, 'x', `one undo restores the original (saved midway: ${saved})`);
    }
  });

  it('restore puts the original back and closes the step; with nothing written it edits nothing', async () => {
    const span = new FakeSpan('keep me');
    const w = writerFor(span);
    await w.restore();
    assert.equal(span.edits.length, 0);
    w.stream('new', failOnError);
    await w.settle();
    assert.ok(w.changed);
    await w.restore();
    assert.equal(span.text, 'keep me');
    assert.equal(w.changed, false);
    assert.ok(span.edits.at(-1)?.stopAfter);
  });

  it('stops writing at a conflict and keeps what arrived', async () => {
    const span = new FakeSpan('');
    const w = writerFor(span);
    w.stream('one', failOnError);
    await w.settle();
    span.conflict = true;
    w.stream('one two', failOnError);
    await w.settle();
    await w.finish('one two three');
    assert.equal(span.text, 'one');
    assert.equal(w.text, 'one');
  });

  it('retries a refused edit, and gives up with EditorClosedError after three refusals', async () => {
    const span = new FakeSpan('');
    const w = writerFor(span);
    span.refusals = 2;
    w.stream('ok', failOnError);
    await w.settle();
    assert.equal(span.text, 'ok');
    span.refusals = 3;
    const errors: unknown[] = [];
    w.stream('ok, then', (err) => errors.push(err));
    await w.settle();
    assert.equal(errors.length, 1);
    assert.ok(w.error instanceof EditorClosedError);
    assert.equal((w.error as Error).message, CLOSED);
    w.stream('more', failOnError);
    await w.settle();
    assert.equal(span.text, 'ok', 'nothing is written after a failure');
  });

  it('drops queued text once the signal aborts', async () => {
    const span = new FakeSpan('');
    const stop = new AbortController();
    const w = writerFor(span, stop.signal);
    const release = span.hold();
    w.stream('a', failOnError);
    w.stream('ab', failOnError);
    stop.abort();
    release();
    await w.settle();
    assert.equal(span.text, 'a');
  });
});
