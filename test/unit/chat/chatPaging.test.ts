import assert from 'node:assert/strict';
import { newestPage, olderPage, pageStart } from '../../../src/chat/chatPaging';
import type { ChatView, TurnView } from '../../../src/shared/protocol';

const turn = (i: number, size = 10): TurnView => (i % 2 === 0
  ? { role: 'user', id: `t${i}`, text: 'q'.repeat(size), chips: [], createdAt: i }
  : { role: 'assistant', id: `t${i}`, text: 'a'.repeat(size), status: 'done', createdAt: i });
const branch = (n: number, size = 10): TurnView[] => Array.from({ length: n }, (_, i) => turn(i, size));
const view = (turns: TurnView[]): ChatView => ({
  id: 'c', title: 'c', turns, model: 'm', thinking: 'auto',
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 },
});

describe('chat paging', () => {
  it('a short chat is one page, unchanged', () => {
    const v = view(branch(6));
    assert.equal(newestPage(v), v);
  });

  it('a 5,000-turn chat sends its newest page and says how many stay behind', () => {
    const page = newestPage(view(branch(5000)), { turns: 40, chars: 1e6 });
    assert.equal(page.turns.length, 40);
    assert.equal(page.olderCount, 4960);
    assert.equal(page.turns[0].id, 't4960');
    assert.equal(page.turns.at(-1)!.id, 't4999');
  });

  it('pages end at a text size too, but always hold one turn', () => {
    const turns = branch(10, 600_000);
    assert.equal(pageStart(turns, 10, { turns: 40, chars: 1_000_000 }), 9);
    assert.equal(pageStart(branch(3, 5_000_000), 3, { turns: 40, chars: 1_000_000 }), 2);
  });

  it('older pages tile the branch without gaps or overlaps', () => {
    const turns = branch(95);
    const seen: string[] = [];
    let before = 95;
    while (before > 0) {
      const page = olderPage(turns, before, undefined, { turns: 40, chars: 1e6 });
      assert.equal(page.start + page.turns.length, before);
      seen.unshift(...page.turns.map((t) => t.id));
      before = page.start;
    }
    assert.deepEqual(seen, turns.map((t) => t.id));
  });

  it('a page asked for a search hit reaches down to that turn', () => {
    const page = olderPage(branch(5000), 4960, 't12', { turns: 40, chars: 1e6 });
    assert.equal(page.start, 12);
    assert.equal(page.turns.length, 4948);
  });

  it('out-of-range requests are clamped, never thrown', () => {
    assert.deepEqual(olderPage(branch(5), 99).turns.length, 5);
    assert.deepEqual(olderPage(branch(5), -3), { start: 0, turns: [] });
  });
});
