import assert from 'node:assert/strict';
import { CodeBlocks } from '../../../src/webview/codeBlocks';
import { fragmentFromHtml } from '../../../src/webview/dom';
import { highlightCode } from '../../../src/webview/highlight';
import { engine, window } from './markdownEnv';

describe('code blocks', () => {
  const g = globalThis as Record<string, unknown>;
  before(() => { g.document = window.document; });
  after(() => { delete g.document; });

  it('long blocks show collapsed with "Show all N lines"; complete blocks are highlighted, the open tail is not', async () => {
    const blocks = new CodeBlocks(null, async () => highlightCode);
    const long = fragmentFromHtml(engine.render(`\`\`\`ts\n${'const a = 1;\n'.repeat(100)}\`\`\``));
    blocks.decorate(long, true);
    const pre = long.querySelector('pre')!;
    await new Promise((resolve) => setTimeout(resolve, 0));   // the highlighter arrives asynchronously
    assert.ok(pre.classList.contains('code-collapsed'));
    const button = pre.querySelector('.code-expand') as HTMLButtonElement;
    assert.equal(button.textContent, 'Show all 100 lines');
    assert.ok(pre.querySelector('code.hljs .hljs-keyword'));
    window.document.body.append(long);
    button.click();
    assert.ok(!pre.classList.contains('code-collapsed'));
    assert.equal(pre.querySelector('.code-expand'), null, 'the button goes once it did its job');
    const tail = fragmentFromHtml(engine.render('```ts\nconst a = 1;\n'));
    blocks.decorate(tail, false);
    assert.equal(tail.querySelector('.hljs'), null);
    assert.ok(tail.querySelector('.code-toolbar'));
  });

  it('code committed into a chunk that showed while it was still filling is highlighted (no event comes then)', async () => {
    class StateChange extends window.Event {
      constructor(readonly skipped: boolean) { super('contentvisibilityautostatechange'); }
    }
    g.ContentVisibilityAutoStateChangeEvent = StateChange;
    try {
      const root = window.document.createElement('div');
      window.document.body.append(root);
      const blocks = new CodeBlocks(root, async () => highlightCode);
      const chunk = window.document.createElement('div');
      chunk.className = 'md-chunk-open';
      root.append(chunk);
      chunk.dispatchEvent(new StateChange(false));
      for (const source of ['```ts\nconst a = 1;\n```', '```py\ndef f():\n  return 1\n```']) {
        const code = fragmentFromHtml(engine.render(source));
        blocks.decorate(code, true);
        chunk.append(code);
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));   // the highlighter, then an idle pass
        assert.ok(chunk.lastElementChild!.querySelector('code.hljs .hljs-keyword'), `highlighted: ${source}`);
      }
    } finally {
      delete g.ContentVisibilityAutoStateChangeEvent;
    }
  });

  it('without a highlighter bundle, code stays plain text and nothing throws', async () => {
    const blocks = new CodeBlocks(null, () => Promise.reject(new Error('no bundle')));
    const code = fragmentFromHtml(engine.render('```ts\nconst a = 1;\n```'));
    blocks.decorate(code, true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(code.querySelector('.hljs'), null);
    assert.equal(code.querySelector('code')!.textContent, 'const a = 1;\n');
  });
});
