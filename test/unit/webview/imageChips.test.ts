import { strict as assert } from 'node:assert';
import { imageLimits } from '../../../src/shared/imageProtocol';
import { addChips, admit, attachments, encoding, fitWithin, removeChip, type ImageChip } from '../../../src/webview/imageChips';

const chip = (id: string): ImageChip => ({ id, name: `${id}.png`, mime: 'image/png', dataUrl: 'data:image/png;base64,AAAA', width: 10, height: 10 });
const file = (name: string, type = 'image/png', size = 1000) => ({ name, type, size });

describe('image chips', () => {
  it('admits PNG, JPEG, WebP and GIF and refuses other types with their name', () => {
    const { accepted, refused } = admit([file('a.png'), file('b.jpg', 'image/jpeg'), file('c.webp', 'image/webp'), file('d.svg', 'image/svg+xml'), file('e.txt', 'text/plain')], 0);
    assert.deepEqual(accepted.map((f) => f.name), ['a.png', 'b.jpg', 'c.webp']);
    assert.deepEqual(refused, [{ key: 'imageType', args: ['d.svg'] }, { key: 'imageType', args: ['e.txt'] }]);
    assert.equal(admit([file('f.gif', 'image/gif')], 0).accepted.length, 1);
  });

  it('refuses a file over the input size and says how big a file may be', () => {
    const { accepted, refused } = admit([file('big.png', 'image/png', imageLimits.inputBytes + 1)], 0);
    assert.equal(accepted.length, 0);
    assert.deepEqual(refused, [{ key: 'imageTooLarge', args: ['big.png', 20] }]);
  });

  it('takes at most four per message, counting those attached, and says so once', () => {
    const five = ['1', '2', '3', '4', '5'].map((n) => file(`${n}.png`));
    assert.equal(admit(five, 0).accepted.length, 4);
    const { accepted, refused } = admit(five, 3);
    assert.deepEqual(accepted.map((f) => f.name), ['1.png']);
    assert.deepEqual(refused, [{ key: 'imageLimit', args: [4] }]);
    assert.equal(addChips(['a', 'b', 'c'].map(chip), ['d', 'e'].map(chip)).length, imageLimits.perTurn);
  });

  it('fits the longest edge within 2048 px, keeps the aspect ratio and never enlarges', () => {
    assert.deepEqual(fitWithin(4000, 3000), { width: 2048, height: 1536, scaled: true });
    assert.deepEqual(fitWithin(1000, 5000), { width: 410, height: 2048, scaled: true });
    assert.deepEqual(fitWithin(2048, 100), { width: 2048, height: 100, scaled: false });
    assert.deepEqual(fitWithin(30, 20), { width: 30, height: 20, scaled: false });
    assert.deepEqual(fitWithin(100_000, 1), { width: 2048, height: 1, scaled: true }, 'never 0 px');
  });

  it('sends a small unscaled file as it is, keeps PNG when redrawn and turns other large images into JPEG', () => {
    assert.deepEqual(encoding('image/webp', 1000, false), { redraw: false, mime: 'image/webp' });
    assert.deepEqual(encoding('image/png', 1000, true), { redraw: true, mime: 'image/png' });
    assert.deepEqual(encoding('image/jpeg', imageLimits.sendBytes + 1, false), { redraw: true, mime: 'image/jpeg' });
    assert.deepEqual(encoding('image/gif', imageLimits.sendBytes + 1, false), { redraw: true, mime: 'image/jpeg' });
    assert.deepEqual(encoding('image/png', imageLimits.sendBytes * 5, false), { redraw: true, mime: 'image/jpeg' }, 'a huge PNG would stay too big');
  });

  it('removing a chip moves focus to the one that took its place, else the one before, else out of the row', () => {
    const chips = ['a', 'b', 'c'].map(chip);
    assert.deepEqual(removeChip(chips, 'b'), { chips: [chips[0], chips[2]], focus: 1 });
    assert.deepEqual(removeChip(chips, 'c'), { chips: [chips[0], chips[1]], focus: 1 });
    assert.deepEqual(removeChip([chips[0]], 'a'), { chips: [], focus: -1 });
    assert.deepEqual(removeChip(chips, 'zz').chips, chips);
  });

  it('sends attachments without the webview ids', () => {
    assert.deepEqual(attachments([chip('a')]), [{ name: 'a.png', mime: 'image/png', dataUrl: 'data:image/png;base64,AAAA', width: 10, height: 10 }]);
  });
});
