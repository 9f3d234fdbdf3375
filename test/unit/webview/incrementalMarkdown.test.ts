import assert from 'node:assert/strict';
import { IncrementalMarkdown } from '../../../src/webview/incrementalMarkdown';
import { trickyDocs } from './docs';
import { engine } from './markdownEnv';

/** Feeds `text` in chunks of `step` characters and checks every frame against a full render. */
function checkEveryFrame(text: string, step: number): { frames: number; committedMax: number } {
  const inc = new IncrementalMarkdown(engine);
  let committedMax = 0;
  let frames = 0;
  let shown = '';
  for (let end = Math.min(step, text.length); ; end = Math.min(end + step, text.length)) {
    const prefix = text.slice(0, end);
    const update = inc.update(prefix);
    shown = update.rebuilt ? inc.committed.join('') : shown.slice(0, shown.length - lastTail.length) + update.appended.join('');
    const tail = update.tail ?? lastTail;
    shown += tail;
    lastTail = tail;
    const full = engine.render(prefix);
    assert.equal(inc.html, full, `frame ${frames} (${end} chars) differs:\n${JSON.stringify(prefix)}`);
    assert.equal(shown, full, `applied updates differ at ${end} chars`);
    committedMax = Math.max(committedMax, inc.committed.length);
    frames++;
    if (end === text.length) break;
  }
  const last = inc.finish();
  shown = shown.slice(0, shown.length - lastTail.length) + last.appended.join('');
  assert.equal(shown, engine.render(text), 'the final commit equals a full render');
  return { frames, committedMax };
}
let lastTail = '';

describe('IncrementalMarkdown', () => {
  beforeEach(() => { lastTail = ''; });

  for (const [name, doc] of Object.entries(trickyDocs)) {
    it(`every character frame of "${name}" equals a full render`, () => {
      const { committedMax } = checkEveryFrame(doc, 1);
      assert.ok(committedMax > 1, 'blocks were committed along the way');
    });
    it(`every multi-character frame of "${name}" equals a full render`, () => {
      for (const step of [2, 3, 7, 13]) { lastTail = ''; checkEveryFrame(doc, step); }
    });
  }

  it('every frame of generated documents equals a full render', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['para text', '- item', '  - sub', '1. one', '> quote', '> > deep', '```', '```js', '~~~', '    code',
      '| a | b |', '|---|---|', '| 1 | 2 |', '===', '---', '# head', '[r]: https://r.example', '[r] link', '<div>', '</div>',
      '', '', '', 'lazy *em', 'end**', '* star', '[r]', '\'t\'',
      '|---|-', '2) two', '<span>x</span>', '"title"', '> ```', '1.'];
    for (let doc = 0; doc < 80; doc++) {
      const lines = Array.from({ length: 6 + Math.floor(random() * 10) }, () => pieces[Math.floor(random() * pieces.length)]);
      lastTail = '';
      checkEveryFrame(lines.join('\n'), 1 + Math.floor(random() * 3));
    }
  });

  it('commits finished blocks so the tail stays small', () => {
    const doc = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with *some* text.\n\n\`\`\`js\nconst x${i} = ${i};\n\`\`\`\n`).join('\n');
    const inc = new IncrementalMarkdown(engine);
    const update = inc.update(doc + '\nstill typing');
    assert.ok(inc.committed.length >= 78, `committed ${inc.committed.length}`);
    // The last fence stays open until the line after it is complete: it could still be "```js" text.
    assert.match(update.tail!, /^<pre><code class="language-js">.*x39[^]*<p>still typing<\/p>\n$/);
  });

  it('re-renders earlier blocks when a reference definition arrives at the end', () => {
    const inc = new IncrementalMarkdown(engine);
    inc.update('Read [the guide].\n\nMore text.\n\n');
    assert.ok(!inc.html.includes('<a '));
    const update = inc.update('Read [the guide].\n\nMore text.\n\n[the guide]: https://g.example\n');
    assert.equal(update.rebuilt, true);
    assert.match(inc.committed.join(''), /<a href="https:\/\/g.example">the guide<\/a>/);
  });

  it('starts over when the text is rewritten rather than extended', () => {
    const inc = new IncrementalMarkdown(engine);
    inc.update('# One\n\nalpha\n\nbeta');
    const update = inc.update('# Two\n\ngamma');
    assert.equal(update.rebuilt, true);
    assert.equal(inc.html, engine.render('# Two\n\ngamma'));
  });

  it('keeps an unclosed fence with blank lines in the tail', () => {
    const inc = new IncrementalMarkdown(engine);
    const update = inc.update('Intro\n\n```py\na = 1\n\n\nb = 2\n');
    assert.equal(inc.committed.join(''), '<p>Intro</p>\n');
    assert.equal(update.tail, '<pre><code class="language-py">a = 1\n\n\nb = 2\n</code></pre>\n');
  });

  it('CR LF split across deltas is one line break', () => {
    const inc = new IncrementalMarkdown(engine);
    for (const piece of ['one\r', '\ntwo\r', '\n\r', '\nthree\r']) inc.append(piece);
    inc.finish();
    assert.equal(inc.html, engine.render('one\r\ntwo\r\n\r\nthree\r'));
  });
});
