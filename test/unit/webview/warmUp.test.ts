import assert from 'node:assert/strict';
import type { MarkdownEngine } from '../../../src/webview/markdown';
import { warmUp } from '../../../src/webview/warmUp';
import { engine, useDomGlobals } from './markdownEnv';

describe('markdown warm-up', () => {
  useDomGlobals();
  // Idle callbacks the test runs one at a time.
  const idle: Array<() => void> = [];
  const g = globalThis as { requestIdleCallback?: unknown };
  before(() => { g.requestIdleCallback = (callback: () => void) => idle.push(callback); });
  after(() => { delete g.requestIdleCallback; });
  const runIdle = (): boolean => { const next = idle.shift(); next?.(); return next !== undefined; };

  it('renders each sample once, one per idle callback, through the real engine', () => {
    const rendered: string[] = [];
    const spy: MarkdownEngine = { ...engine, render: (text) => { rendered.push(text); return engine.render(text); } };
    warmUp(spy, ['# a\n', '- b\n', '```ts\nc\n```\n']);
    assert.deepEqual(rendered, [], 'nothing runs in the task that built the panel');
    assert.ok(runIdle());
    assert.deepEqual(rendered, ['# a\n'], 'one construct per idle callback');
    while (runIdle());
    assert.deepEqual(rendered, ['# a\n', '- b\n', '```ts\nc\n```\n']);
  });

  it('stops quietly when rendering fails (best effort)', () => {
    let calls = 0;
    warmUp({ ...engine, render: () => { calls++; throw new Error('boom'); } }, ['a', 'b']);
    while (runIdle());
    assert.equal(calls, 1);
  });

  it('its default samples all render without throwing', () => {
    const outputs: string[] = [];
    warmUp({ ...engine, render: (text) => { const html = engine.render(text); outputs.push(html); return html; } });
    while (runIdle());
    assert.ok(outputs.length >= 5, `${outputs.length} samples`);
    assert.ok(outputs.some((html) => html.includes('<table')) && outputs.some((html) => html.includes('<pre')));
  });
});
