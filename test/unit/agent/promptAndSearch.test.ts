import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { agentSystemPrompt, loadRules } from '../../../src/chat/agent/agentPrompt';
import { nodeFs } from '../../../src/chat/agent/nodeFs';
import { ripgrepCandidates, searchWithRipgrep } from '../../../src/chat/agent/ripgrep';
import { TRIMMED_MARKER, trimToolResults } from '../../../src/chat/agent/toolResultTrim';
import { searchByWalking } from '../../../src/chat/agent/workspaceWalker';
import type { ChatMessage } from '../../../src/glm/types';
import { tempWorkspace } from './fixtures';

const chars = { estimateMessage: (m: ChatMessage): number => (m.content ?? '').length };

describe('agent prompt, rules and context trimming', () => {
  it('loads AGENTS.md and .glm/rules/*.md into the system prompt', async () => {
    const ws = tempWorkspace({ 'AGENTS.md': 'Use tabs.\n', '.glm/rules/b.md': 'Rule B', '.glm/rules/a.md': 'Rule A', '.glm/rules/x.txt': 'no' });
    try {
      const rules = await loadRules(nodeFs, [{ name: 'ws', path: ws.root }]);
      assert.deepEqual(rules.map((r) => r.path), ['AGENTS.md', '.glm/rules/a.md', '.glm/rules/b.md']);
      const prompt = agentSystemPrompt('BASE', rules);
      assert.match(prompt, /^BASE\n\nYou are in agent mode/);
      assert.match(prompt, /Project rules \(follow them\):\n\n### AGENTS\.md\nUse tabs\.\n\n### \.glm\/rules\/a\.md\nRule A/);
      assert.doesNotMatch(agentSystemPrompt('BASE', []), /Project rules/);
    } finally {
      ws.cleanup();
    }
  });

  it('trims the oldest tool results first, with a marker, until the messages fit', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [{ id: '1', type: 'function', function: { name: 'read_file', arguments: '{}' } }] },
      { role: 'tool', content: 'a'.repeat(500), tool_call_id: '1' },
      { role: 'tool', content: 'b'.repeat(500), tool_call_id: '2' },
      { role: 'tool', content: 'c'.repeat(500), tool_call_id: '3' },
    ];
    const { messages: out, trimmed } = trimToolResults(messages, 800, chars);
    assert.equal(trimmed, 2);
    assert.deepEqual(out.map((m) => (m.content ?? '').slice(0, 1)), ['q', '', '[', '[', 'c']);
    assert.equal(out[2].content, TRIMMED_MARKER);
    assert.equal((out[2] as { tool_call_id: string }).tool_call_id, '1');
    assert.equal(trimToolResults(messages, 100_000, chars).trimmed, 0);
    assert.equal(messages[2].content, 'a'.repeat(500));
  });
});

describe('agent search', () => {
  const rg = ripgrepCandidates(path.join(process.env.GLM_TEST_CACHE ?? path.resolve('.test-cache'), 'code-server/node_modules/code-server/lib/vscode'))
    .find((p) => existsSync(p));

  it('lists the known places of VS Code\'s rg, asar-unpacked first', () => {
    const c = ripgrepCandidates('/app', 'win32', 'x64');
    assert.equal(c[0], path.join('/app', 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', 'rg.exe'));
    assert.ok(c.includes(path.join('/app', 'node_modules', '@vscode', 'ripgrep-universal', 'bin', 'win32-x64', 'rg.exe')));
  });

  it('ripgrep and the Node walker find the same matches, honouring .gitignore', async function () {
    if (!rg) this.skip();
    const ws = tempWorkspace({ 'a.ts': 'const needle = 1;\n', 'lib/b.ts': 'x\nNEEDLE()\n', 'out/c.ts': 'needle\n', '.gitignore': 'out/\n', '.hidden/d.ts': 'needle\n' });
    try {
      const q = { query: 'needle', maxResults: 50 };
      const viaRg = await searchWithRipgrep(rg!, ws.root, q);
      const viaWalk = await searchByWalking(nodeFs, ws.root, q);
      const key = (m: { rel: string; line: number }): string => `${m.rel}:${m.line}`;
      assert.deepEqual(viaRg.map(key).sort(), ['.hidden/d.ts:1', 'a.ts:1', 'lib/b.ts:2']);
      assert.deepEqual(viaWalk.map(key).sort(), viaRg.map(key).sort());
      assert.equal((await searchWithRipgrep(rg!, ws.root, { ...q, caseSensitive: true, maxResults: 1 })).length, 2);
    } finally {
      ws.cleanup();
    }
  });
});
