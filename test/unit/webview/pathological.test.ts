// Pathological model output: each document renders without throwing, through the full render, the
// streaming renderer and the DOM view, and ends in finite work (completion and output, never timing).
import assert from 'node:assert/strict';
import { IncrementalMarkdown } from '../../../src/webview/incrementalMarkdown';
import { MarkdownView, type FrameScheduler } from '../../../src/webview/markdownView';
import { LimitScanner, renderLimits } from '../../../src/webview/renderLimits';
import { engine, window } from './markdownEnv';

const corpus: Record<string, { text: string; limited: boolean }> = {
  'a 10,000-level list on one line': { text: `${'- '.repeat(10_000)}deep\n`, limited: true },
  'a 2,000-level indented list': { text: Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'), limited: true },
  '5,000 quote markers': { text: `${'>'.repeat(5000)} quoted\n`, limited: true },
  '300 lines of deepening quotes': { text: Array.from({ length: 300 }, (_, i) => `${'> '.repeat(i)}q${i}`).join('\n'), limited: true },
  'thousands of nested HTML blocks': { text: `${'<div>\n'.repeat(5000)}inside\n${'</div>\n'.repeat(5000)}`, limited: true },
  'nested HTML on one line': { text: `${'<span>'.repeat(8000)}x${'</span>'.repeat(8000)}`, limited: true },
  'a table of 10,000 rows': { text: `| a | b | c |\n|---|---|---|\n${'| 1 | two | three |\n'.repeat(10_000)}`, limited: true },
  'a megabyte line': { text: `Intro\n\n${'word '.repeat(200_000)}\n\nafter`, limited: true },
  'an unclosed fence of 50,000 lines': { text: `Before\n\n\`\`\`js\n${'const a = 1;\n'.repeat(50_000)}`, limited: false },
  'thousands of backticks': { text: `${'`'.repeat(5000)} not code ${'`'.repeat(4999)}\n\nnext`, limited: true },
  'thousands of code spans': { text: '`a` b '.repeat(600), limited: false },
  'unbalanced emphasis and links': { text: `${'*_['.repeat(3000)}x${'](('.repeat(3000)}`, limited: true },
  'a generic-heavy prose answer': { text: 'Use `Map<K, V>` or Map<String, List<Integer>> here.\n\n'.repeat(400), limited: false },
};

const manual: FrameScheduler = { request: () => 0, cancel: () => undefined };

describe('pathological markdown renders, bounded', function () {
  this.timeout(120_000);
  const g = globalThis as Record<string, unknown>;
  before(() => { g.document = window.document; });
  after(() => { delete g.document; });

  for (const [name, { text, limited }] of Object.entries(corpus)) {
    it(name, () => {
      const html = engine.render(text);
      assert.ok(html.length > 0);
      assert.equal(html.includes('class="render-limit"'), limited, 'a limit note exactly when a limit was hit');
      // Streamed in pieces, the result is the same as the full render.
      const inc = new IncrementalMarkdown(engine);
      const step = Math.ceil(text.length / 12);
      for (let i = 0; i < text.length; i += step) { inc.append(text.slice(i, i + step)); inc.render(); }
      inc.finish();
      assert.equal(inc.html, html);
      // And as a finished answer in the DOM, sliced over frames.
      const root = window.document.createElement('div') as unknown as HTMLElement;
      const view = new MarkdownView(root, engine, () => undefined, manual);
      view.renderStatic(text);
      for (let i = 0; i < 10_000 && !view.settled; i++) view.flush();
      assert.ok(view.settled, 'every slice rendered');
      assert.ok((root.textContent ?? '').length > 0);
    });
  }

  it('a limit cuts at the first line past it; the text before still renders as markdown', () => {
    const text = `# Title\n\n${Array.from({ length: 60 }, (_, i) => `${'> '.repeat(i)}q${i}`).join('\n')}`;
    const hit = new LimitScanner().scan(text, true);
    assert.equal(hit?.reason, 'depth');
    assert.ok(text.slice(hit.at).startsWith(`${'> '.repeat(renderLimits.depth + 1)}q`));
    const html = engine.render(text);
    assert.match(html, /^<h1>Title<\/h1>/);
    assert.match(html, /<pre class="render-plain">(?:&gt; )+q41/);
  });

  it('fenced code is not counted as nesting, and HTML inside code spans is not counted', () => {
    const code = `\`\`\`\n${Array.from({ length: 100 }, (_, i) => `${'    '.repeat(i)}x`).join('\n')}\n\`\`\`\n`;
    assert.equal(new LimitScanner().scan(code, true), undefined);
    assert.equal(new LimitScanner().scan('`<div>` '.repeat(500), true), undefined);
  });

  it('a block that throws while rendering falls back to its text, and the rest of the answer renders', () => {
    const throwing = { ...engine, renderBlock: (token: Parameters<typeof engine.renderBlock>[0]) => {
      if (token.raw.includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
      return engine.renderBlock(token);
    } };
    const inc = new IncrementalMarkdown(throwing);
    assert.throws(() => { inc.append('ok\n\nBOOM\n\nafter\n'); inc.finish(); });
    // The engine's own renderBlock catches: exercise it through a token the parser cannot take.
    const bad = { type: 'paragraph', raw: 'raw <b>text</b>', text: 'x', tokens: null } as unknown as Parameters<typeof engine.renderBlock>[0];
    assert.equal(engine.renderBlock(bad), '<pre class="render-plain">raw &lt;b&gt;text&lt;/b&gt;</pre>\n');
  });
});
