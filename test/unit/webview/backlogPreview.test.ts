import assert from 'node:assert/strict';
import { previewSeam } from '../../../src/webview/backlogPreview';

describe('previewSeam (where the end of a backlog can render alone)', () => {
  const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `Paragraph ${i} says something.\n\n`).join('');

  it('is the first blank line within reach, so the preview starts at a block and shows as much as it may', () => {
    const backlog = `${paragraphs(50)}The last words`;
    const seam = previewSeam('', backlog, 100)!;
    assert.equal(backlog.slice(seam), 'Paragraph 48 says something.\n\nParagraph 49 says something.\n\nThe last words');
    assert.equal(backlog.slice(previewSeam('', backlog, 30)!), 'The last words');
    assert.equal(previewSeam('', backlog, 10), undefined, 'none within 10 characters of the end');
  });

  it('never falls inside a code fence: a blank line in a closed fence is skipped', () => {
    const backlog = `${paragraphs(3)}\`\`\`ts\nconst a = 1;\n\nconst b = 2;\n\`\`\`\n\nmore text`;
    const reach = backlog.length - backlog.indexOf('const a');
    assert.equal(backlog.slice(previewSeam('', backlog, reach)!), 'more text');
  });

  it('is the opening line of a fence still open at the end, or none when that is out of reach', () => {
    const backlog = `${paragraphs(3)}~~~~python\nx = 1\n\ny = 2\n~~~\nstill code (a shorter fence does not close it)`;
    const seam = previewSeam('', backlog, 1000)!;
    assert.ok(backlog.slice(seam).startsWith('~~~~python'));
    assert.equal(previewSeam('', backlog, 40), undefined);
  });

  it('knows a fence opened before the backlog (in the uncommitted text) is still open', () => {
    const before = 'Intro\n\n```js\nlet a;\n';
    const inFence = 'let b;\n\nlet c;\n';
    assert.equal(previewSeam(before, inFence, 1000), undefined, 'the whole backlog is code of a fence opened before it');
    const closed = `${inFence}\`\`\`\n\nAfter the fence.`;
    assert.equal(closed.slice(previewSeam(before, closed, 1000)!), 'After the fence.');
  });

  it('takes three backticks with a backtick after them for inline code, not a fence', () => {
    const backlog = `${paragraphs(2)}\`\`\`a\` is inline\n\nEnd.`;
    assert.equal(backlog.slice(previewSeam('', backlog, backlog.length - backlog.indexOf('```a'))!), 'End.');
  });
});
