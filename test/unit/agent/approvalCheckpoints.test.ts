import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { autoApproveFrom, commandAllowed, DEFAULT_AUTO_APPROVE, needsApproval } from '../../../src/chat/agent/approvalPolicy';
import { CheckpointStore } from '../../../src/chat/agent/checkpoints';

describe('agent approval policy', () => {
  it('runs reads without asking and asks for edits and commands by default', () => {
    assert.equal(needsApproval({ tool: 'read_file', kind: 'read' }, DEFAULT_AUTO_APPROVE, []), false);
    assert.equal(needsApproval({ tool: 'edit_file', kind: 'edit' }, DEFAULT_AUTO_APPROVE, []), true);
    assert.equal(needsApproval({ tool: 'run_command', kind: 'command', command: 'npm test' }, DEFAULT_AUTO_APPROVE, []), true);
  });

  it('follows glm.agent.autoApprove and the always-allowed tools', () => {
    const auto = autoApproveFrom({ reads: false, edits: true, commands: ['npm test', 'git status'] });
    assert.equal(needsApproval({ tool: 'search_text', kind: 'read' }, auto, []), true);
    assert.equal(needsApproval({ tool: 'write_file', kind: 'edit' }, auto, []), false);
    assert.equal(needsApproval({ tool: 'run_command', kind: 'command', command: 'npm  test -- --grep x' }, auto, []), false);
    assert.equal(needsApproval({ tool: 'run_command', kind: 'command', command: 'npm install' }, auto, []), true);
    assert.equal(needsApproval({ tool: 'run_command', kind: 'command', command: 'rm -rf x' }, DEFAULT_AUTO_APPROVE, ['run_command']), false);
  });

  it('never lets an allowlisted prefix carry a second command', () => {
    for (const cmd of ['npm test && rm -rf /', 'npm test; curl x', 'npm test | sh', 'npm test $(evil)', 'npm test > out', 'npm testing']) {
      assert.equal(commandAllowed(cmd, ['npm test']), false, cmd);
    }
  });

  it('reads a malformed setting as the defaults', () => {
    assert.deepEqual(autoApproveFrom('yes'), DEFAULT_AUTO_APPROVE);
    assert.deepEqual(autoApproveFrom({ reads: 'no', commands: ['ls', 3] }), { reads: true, edits: false, commands: ['ls'] });
  });
});

describe('agent checkpoints', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'glm-cp-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('restoring a turn returns every file it or later turns changed to its content before that turn', async () => {
    const store = new CheckpointStore(dir);
    await store.recordBefore('c1', 't1', '/w/a.ts', 'a0');
    await store.recordBefore('c1', 't1', '/w/a.ts', 'a1-should-be-ignored');
    await store.recordBefore('c1', 't2', '/w/a.ts', 'a1');
    await store.recordBefore('c1', 't2', '/w/b.ts', 'b1');
    await store.recordBefore('c1', 't3', '/w/new.ts', undefined);
    assert.deepEqual(await store.changedBy('c1', 't2'), ['/w/a.ts', '/w/b.ts']);
    assert.deepEqual((await store.plan('c1', 't2'))?.files, [
      { abs: '/w/a.ts', content: 'a1' }, { abs: '/w/b.ts', content: 'b1' }, { abs: '/w/new.ts', content: undefined },
    ]);
    assert.deepEqual((await store.plan('c1', 't1'))?.files.map((f) => [f.abs, f.content]), [['/w/a.ts', 'a0'], ['/w/b.ts', 'b1'], ['/w/new.ts', undefined]]);
    assert.equal(await store.plan('c1', 'nope'), undefined);
  });

  it('survives a reload and forgets restored turns', async () => {
    const first = new CheckpointStore(dir);
    await first.recordBefore('chat/1', 't1', '/w/a.ts', 'before');
    await first.recordBefore('chat/1', 't2', '/w/b.ts', 'b');
    const reloaded = new CheckpointStore(dir);
    assert.deepEqual((await reloaded.plan('chat/1', 't1'))?.files, [{ abs: '/w/a.ts', content: 'before' }, { abs: '/w/b.ts', content: 'b' }]);
    await reloaded.forgetFrom('chat/1', 't2');
    assert.equal(await new CheckpointStore(dir).plan('chat/1', 't2'), undefined);
    await reloaded.forgetFile('chat/1', 't1', '/w/a.ts');
    assert.deepEqual(await new CheckpointStore(dir).changedBy('chat/1', 't1'), []);
    assert.equal(existsSync(dir), true);
  });
});
