import assert from 'node:assert/strict';
import { SpanWriteError, StreamingEdit, type SpanWriter } from '../../../src/editor/streamingEdit';

/** A document span with VS Code's undo rules: edits without a stop between them form one undo step. */
class FakeWriter implements SpanWriter {
  conflict = false;
  closed = false;
  /** How many next edits to refuse (as a changed document does). */
  refuse = 0;
  readonly calls: Array<{ from: number; to: number; text: string; stopBefore: boolean; stopAfter: boolean }> = [];
  /** Texts of the span at each undo stop, oldest first; `undo()` goes back one. */
  private readonly stops: string[] = [];
  private groupOpen = false;

  constructor(public text: string) {}

  async replace(from: number, to: number, text: string, undo: { stopBefore: boolean; stopAfter: boolean }): Promise<boolean> {
    await Promise.resolve();
    if (this.refuse > 0) {
      this.refuse--;
      return false;
    }
    if (undo.stopBefore || !this.groupOpen) this.stops.push(this.text);
    this.calls.push({ from, to, text, ...undo });
    this.text = this.text.slice(0, from) + text + this.text.slice(to);
    this.groupOpen = !undo.stopAfter;
    return true;
  }

  /** A save closes the open undo group, as VS Code does. */
  save(): void {
    this.groupOpen = false;
  }

  undo(): void {
    this.text = this.stops.pop() ?? this.text;
  }
}

describe('StreamingEdit', () => {
  it('writes only what changed after the common prefix, and the whole insertion undoes in one step', async () => {
    const writer = new FakeWriter('');
    const edit = new StreamingEdit(writer, '', () => undefined);
    await edit.write('const a', false);
    await edit.write('const a = 1;', false);
    await edit.write('const a = 1;\nconst b = 2;', true);
    assert.deepEqual(writer.calls.map((c) => [c.from, c.to, c.text]), [[0, 0, 'const a'], [7, 7, ' = 1;'], [12, 12, '\nconst b = 2;']]);
    assert.deepEqual(writer.calls.map((c) => [c.stopBefore, c.stopAfter]), [[true, false], [false, false], [false, true]]);
    assert.equal(writer.text, 'const a = 1;\nconst b = 2;');
    writer.undo();
    assert.equal(writer.text, '', 'one undo restores the original');
  });

  it('replaces text the model revised, from the first differing character', async () => {
    const writer = new FakeWriter('old');
    const edit = new StreamingEdit(writer, 'old', () => undefined);
    await edit.write('let x = 1', false);
    await edit.write('let y = 2', true);
    assert.deepEqual(writer.calls[1], { from: 4, to: 9, text: 'y = 2', stopBefore: false, stopAfter: true });
    assert.equal(edit.current, 'let y = 2');
  });

  it('after a save midway, the last write restores the original first so one undo still brings it back', async () => {
    const writer = new FakeWriter('orig');
    const edit = new StreamingEdit(writer, 'orig', () => undefined);
    await edit.write('partial', false);
    writer.save();
    edit.noteSave();
    await edit.write('partial and final', true);
    assert.equal(writer.text, 'partial and final');
    assert.equal(writer.calls.at(-1)?.stopBefore, true, 'the result is an undo step of its own');
    writer.undo();
    assert.equal(writer.text, 'orig');
  });

  it('a save before the first edit changes nothing', async () => {
    const writer = new FakeWriter('');
    const edit = new StreamingEdit(writer, '', () => undefined);
    edit.noteSave();
    await edit.write('x', true);
    assert.equal(writer.calls.length, 1);
  });

  it('streams through the pump: newer text replaces older pending text, one edit at a time', async () => {
    const writer = new FakeWriter('');
    const edit = new StreamingEdit(writer, '', () => undefined);
    edit.schedule('a');
    edit.schedule('ab');
    edit.schedule('abc');
    await edit.settled();
    assert.equal(writer.text, 'abc');
    assert.ok(writer.calls.length <= 2, `older pending text was skipped (${writer.calls.length} edits)`);
  });

  it('retries a refused edit, and gives up after three with SpanWriteError reported once', async () => {
    const writer = new FakeWriter('');
    const edit = new StreamingEdit(writer, '', () => undefined);
    writer.refuse = 2;
    await edit.write('ok', false);
    assert.equal(writer.text, 'ok');
    writer.refuse = 3;
    await assert.rejects(edit.write('ok!', false), SpanWriteError);
    const failures: unknown[] = [];
    const pumped = new StreamingEdit(writer, 'ok', (err) => failures.push(err));
    writer.refuse = 5;
    pumped.schedule('ok?');
    await pumped.settled();
    assert.equal(failures.length, 1);
    assert.ok(pumped.failure instanceof SpanWriteError);
  });

  it('writes nothing once the user edited inside the span, and nothing queued after stop()', async () => {
    const writer = new FakeWriter('');
    const edit = new StreamingEdit(writer, '', () => undefined);
    await edit.write('a', false);
    writer.conflict = true;
    await edit.write('ab', true);
    assert.equal(writer.calls.length, 1);
    const stoppedWriter = new FakeWriter('');
    const stopped = new StreamingEdit(stoppedWriter, '', () => undefined);
    stopped.stop();
    stopped.schedule('late');
    await stopped.settled();
    assert.equal(stoppedWriter.calls.length, 0);
    await stopped.write('final word', true);
    assert.equal(stoppedWriter.text, 'final word', 'write still works after stop');
  });
});
