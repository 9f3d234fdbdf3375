import assert from 'node:assert/strict';
import type { MarkdownEngine } from '../../../src/webview/markdown';
import { warmUp } from '../../../src/webview/warmUp';
import { engine, useDomGlobals } from './markdownEnv';

const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('markdown warm-up', () => {
  useDomGlobals();

  it('renders each sample once, one per idle callback, through the real engine', async () => {
    const rendered: string[] = [];
    const spy: MarkdownEngine = { ...engine, render: (text) => { rendered.push(text); return engine.render(text); } };
    warmUp(spy, ['# a\n', '- b\n', '```ts\nc\n```\n']);
    assert.deepEqual(rendered, [], 'nothing runs in the task that built the panel');
    await later();
    assert.equal(rendered.length, 1, 'one construct per idle callback');
    for (let i = 0; i < 5; i++) await later();
    assert.deepEqual(rendered, ['# a\n', '- b\n', '```ts\nc\n```\n']);
  });

  it('stops quietly when rendering fails (best effort)', async () => {
    let calls = 0;
    const failing: MarkdownEngine = { ...engine, render: () => { calls++; throw new Error('boom'); } };
    warmUp(failing, ['a', 'b']);
    for (let i = 0; i < 4; i++) await later();
    assert.equal(calls, 1);
  });

  it('its default samples all render without throwing', async () => {
    const outputs: string[] = [];
    warmUp({ ...engine, render: (text) => { const html = engine.render(text); outputs.push(html); return html; } });
    for (let i = 0; i < 10; i++) await later();
    assert.ok(outputs.length >= 5, `${outputs.length} samples`);
    assert.ok(outputs.some((html) => html.includes('<table')) && outputs.some((html) => html.includes('<pre')));
  });
});
