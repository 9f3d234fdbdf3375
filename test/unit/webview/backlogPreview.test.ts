import assert from 'node:assert/strict';
import { FenceTracker } from '../../../src/webview/backlogPreview';

/** The end of `text` from its seam within `reach`, the text pushed in pieces of `piece` characters. */
function preview(text: string, reach: number, piece = 7): string | undefined {
  const fences = new FenceTracker(reach);
  for (let i = 0; i < text.length; i += piece) fences.push(text.slice(i, i + piece));
  const seam = fences.seam(text.slice(-reach));
  return seam === undefined ? undefined : text.slice(seam);
}

describe('FenceTracker (where the end of a backlog can render alone)', () => {
  const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `Paragraph ${i} says something.\n\n`).join('');

  it('is the first blank line within reach, so the preview starts at a block and shows as much as it may', () => {
    const text = `${paragraphs(50)}The last words`;
    assert.equal(preview(text, 100), 'Paragraph 48 says something.\n\nParagraph 49 says something.\n\nThe last words');
    assert.equal(preview(text, 30), 'The last words');
    assert.equal(preview(text, 10), undefined, 'none within 10 characters of the end');
  });

  it('never falls inside a code fence: a blank line in a closed fence is skipped', () => {
    const text = `${paragraphs(3)}\`\`\`ts\nconst a = 1;\n\nconst b = 2;\n\`\`\`\n\nmore text`;
    assert.equal(preview(text, text.length - text.indexOf('const a')), 'more text');
  });

  it('is the opening line of a fence still open at the end, or none when that is out of reach', () => {
    const text = `${paragraphs(3)}~~~~python\nx = 1\n\ny = 2\n~~~\nstill code (a shorter fence does not close it)`;
    assert.ok(preview(text, 1000)!.startsWith('~~~~python'));
    assert.equal(preview(text, 40), undefined);
    assert.ok(preview(`${paragraphs(3)}\`\`\`ts`, 1000)!.startsWith('```ts'), 'also when its opening line has not ended yet');
  });

  it('knows a fence opened long before the end is still open, and one closed long before is closed', () => {
    const open = `Intro\n\n\`\`\`js\nlet a;\n${'let b;\n\n'.repeat(500)}`;
    assert.equal(preview(open, 200), undefined, 'the whole end is code of a fence opened before it');
    const closed = `${open}\`\`\`\n\nAfter the fence.`;
    assert.equal(preview(closed, 30), 'After the fence.');
    assert.equal(preview(`${closed}\n\n${paragraphs(300)}End.`, 40), 'Paragraph 299 says something.\n\nEnd.');
  });

  it('follows the fences the same whatever the pieces the text came in', () => {
    const text = `${paragraphs(5)}\`\`\`\ncode\n\nmore\n\`\`\`\n\n${paragraphs(2)}\`\`\`py\nx\n\ny`;
    const whole = preview(text, 60, text.length);
    for (const piece of [1, 2, 3, 5, 64]) assert.equal(preview(text, 60, piece), whole, `pieces of ${piece}`);
    assert.ok(whole!.startsWith('```py'));
  });

  it('takes three backticks with a backtick after them for inline code, not a fence', () => {
    const text = `${paragraphs(2)}\`\`\`a\` is inline\n\nEnd.`;
    assert.equal(preview(text, text.length - text.indexOf('```a')), 'End.');
  });
});
