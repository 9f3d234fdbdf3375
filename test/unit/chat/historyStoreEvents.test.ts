import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/historyStore';

describe('HistoryStore.onDidChange', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-history-events-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns a disposable that stops the notifications', async () => {
    const store = await HistoryStore.open(dir);
    const seen: string[] = [];
    const subscription = store.onDidChange((id) => seen.push(id));
    const first = await store.create({ title: 'one' });
    await store.rename(first.id, 'renamed');
    assert.ok(seen.includes(first.id));
    subscription.dispose();
    const count = seen.length;
    await store.rename(first.id, 'again');
    await store.create({ title: 'two' });
    assert.equal(seen.length, count, 'no notification after dispose');
    await store.close();
  });
});
