// Images in the composer and in sent turns, in the real App against jsdom: chips from the host's picker, refusals,
// keyboard removal, the "send to the vision model" offer when the chosen model takes no images, thumbnails of a
// sent turn that open the image. jsdom decodes no images, so createImageBitmap reports the size the PNG declares.
import assert from 'node:assert/strict';
import { uiStringsEn, type FromWebview, type InitState } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { pngDataUrl } from '../../support/images';
import { mountApp, window } from './markdownEnv';

const state = (): InitState => ({
  chats: [],
  chat: { id: 'c1', title: 'T', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 }, turns: [] },
  models: [
    { id: 'glm-4.7', label: 'glm-4.7', contextWindow: 200_000, thinking: 'enabled' },
    { id: 'glm-4.6v', label: 'glm-4.6v', contextWindow: 128_000, thinking: 'hybrid', imageInput: true },
  ],
  selectedModel: 'glm-4.7',
  strings: { ...uiStringsEn },
  settings: { hasToken: true, preset: 'zai', fallbackModels: [], visionModel: 'glm-4.6v' },
  chips: [],
  lastPrompts: [],
});

const png = pngDataUrl(6, 4);
type Send = Extract<FromWebview, { type: 'chat/send' }>;

describe('images in the composer', () => {
  const g = globalThis as Record<string, unknown>;
  const globals = ['document', 'NodeFilter', 'requestAnimationFrame', 'cancelAnimationFrame', 'Blob', 'FileReader', 'createImageBitmap'];
  let posted: FromWebview[];
  let app: App;
  before(() => {
    Object.assign(g, { document: window.document, NodeFilter: window.NodeFilter, Blob: window.Blob, FileReader: window.FileReader });
    g.requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);
    g.cancelAnimationFrame = () => undefined;
    // The size a PNG declares in its header (bytes 16-23).
    g.createImageBitmap = (blob: Blob) => new Promise((resolve) => {
      const reader = new window.FileReader();
      reader.onload = () => {
        const view = new DataView(reader.result as ArrayBuffer);
        resolve({ width: view.getUint32(16), height: view.getUint32(20), close: () => undefined });
      };
      reader.readAsArrayBuffer(blob as never);
    });
  });
  after(() => {
    for (const k of globals) delete g[k];
  });
  beforeEach(() => {
    ({ app, posted } = mountApp(state()));
  });
  const $ = <T extends Element>(sel: string): T => window.document.querySelector(sel) as unknown as T;
  const $$ = (sel: string): Element[] => [...window.document.querySelectorAll(sel)] as unknown as Element[];
  const until = async (ok: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(ok(), `condition never held: ${window.document.querySelector('.image-notice')?.textContent}`);
  };
  const pick = async (files: Array<{ name: string; mime: string; size: number; dataUrl?: string }>, chips: number): Promise<void> => {
    app.handle({ type: 'image/picked', files });
    await until(() => $$('.image-chip').length === chips);
  };
  const enter = (): void => {
    $('.prompt').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  };
  const sends = (): Send[] => posted.filter((m): m is Send => m.type === 'chat/send');

  it('the attach button asks the host for its file picker', () => {
    $<HTMLButtonElement>('.attach-image').click();
    assert.deepEqual(posted.at(-1), { type: 'image/pick' });
    assert.equal($('.attach-image').getAttribute('aria-label'), uiStringsEn.attachImage);
  });

  it('shows a picked image as a chip, offers the vision model instead of sending, and sends the image on one click', async () => {
    await pick([{ name: 'shot.png', mime: 'image/png', size: 100, dataUrl: png }], 1);
    assert.equal($('.image-chip').getAttribute('aria-label'), 'Image shot.png, 6×4');
    assert.equal($<HTMLImageElement>('.image-chip img').getAttribute('src'), png);
    assert.match($('.vision-offer').textContent ?? '', /glm-4\.7 takes no images\./);
    $<HTMLTextAreaElement>('.prompt').value = 'What is this?';
    enter();
    assert.equal(sends().length, 0, 'never sent without the image, never silently');
    assert.equal(window.document.activeElement, $('.send-to-vision'), 'Enter moved to the offer');
    assert.equal($('.send-to-vision').textContent, 'Send to glm-4.6v');
    $<HTMLButtonElement>('.send-to-vision').click();
    const sent = sends().at(-1)!;
    assert.equal(sent.text, 'What is this?');
    assert.deepEqual(sent.images, [{ name: 'shot.png', mime: 'image/png', dataUrl: png, width: 6, height: 4 }]);
    assert.equal($$('.image-chip').length, 0, 'the tray empties');
    assert.ok($<HTMLElement>('.image-notice').hidden);
  });

  it('a refused message gets its images back', async () => {
    await pick([{ name: 'a.png', mime: 'image/png', size: 100, dataUrl: png }], 1);
    $<HTMLButtonElement>('.send-to-vision').click();
    const { requestId } = sends().at(-1)!;
    app.handle({ type: 'chat/sendRejected', requestId, text: '', error: { kind: 'contextOverflow', message: 'too long', actions: [] } });
    assert.equal($$('.image-chip').length, 1);
  });

  it('sends straight away when the chosen model takes images', async () => {
    app.handle({ type: 'settings/update', models: state().models, selectedModel: 'glm-4.6v', settings: state().settings });
    await pick([{ name: 'a.png', mime: 'image/png', size: 100, dataUrl: png }], 1);
    assert.equal($('.vision-offer'), null);
    enter();
    assert.equal(sends().at(-1)?.images?.length, 1, 'an image alone is a message');
  });

  it('refuses other types, oversize files and a fifth image with clear messages', async () => {
    await pick([{ name: 'notes.txt', mime: '', size: 10 }, { name: 'huge.png', mime: 'image/png', size: 50 * 2 ** 20 }], 0);
    assert.match($('.image-notice').textContent ?? '', /notes\.txt is not a PNG, JPEG, WebP or GIF image\..*huge\.png is larger than 20 MB\./);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.png`, mime: 'image/png', size: 100, dataUrl: png }));
    await pick(five, 4);
    assert.match($('.image-notice').textContent ?? '', /At most 4 images per message\./);
  });

  it('removes a chip with Delete (focus to the next chip, then the message box) or with its labelled button', async () => {
    await pick([{ name: 'a.png', mime: 'image/png', size: 100, dataUrl: png }, { name: 'b.png', mime: 'image/png', size: 100, dataUrl: png }, { name: 'c.png', mime: 'image/png', size: 100, dataUrl: png }], 3);
    const chips = $$('.image-chip') as HTMLElement[];
    chips[0].focus();
    chips[0].dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    assert.deepEqual($$('.image-chip .chip-label').map((e) => e.textContent), ['b.png', 'c.png']);
    assert.equal(window.document.activeElement?.querySelector('.chip-label')?.textContent, 'b.png');
    const remove = $$('.image-chip .chip-remove')[1] as HTMLButtonElement;
    assert.equal(remove.getAttribute('aria-label'), 'Remove c.png');
    remove.click();
    const last = $('.image-chip') as HTMLElement;
    last.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, cancelable: true }));
    assert.equal($$('.image-chip').length, 0);
    assert.equal(window.document.activeElement, $('.prompt'));
  });

  it('shows the thumbnails of a sent turn (also while it is edited), says when the vision model answered, and opens an image on click', () => {
    posted.length = 0;
    $<HTMLTextAreaElement>('.prompt').value = 'q';
    enter();
    const { requestId } = sends().at(-1)!;
    app.handle({ type: 'stream/start', requestId, chatId: 'c1', turnId: 'a1', model: 'glm-4.6v', vision: true,
      userTurn: { role: 'user', id: 'u1', text: 'q', chips: [], createdAt: 1, images: [{ name: 'x.png', src: png, width: 6, height: 4 }, { name: 'gone.png', src: '', width: 1, height: 1 }] } });
    const thumbs = $$('.turn-user .turn-image') as HTMLButtonElement[];
    assert.equal(thumbs.length, 2);
    assert.equal(thumbs[0].querySelector('img')?.getAttribute('src'), png);
    assert.equal(thumbs[1].textContent, 'gone.png', 'a missing file shows its name');
    thumbs[1].click();
    assert.deepEqual(posted.at(-1), { type: 'image/open', chatId: 'c1', turnId: 'u1', index: 1 });
    assert.equal($('.turn-assistant .turn-vision')?.textContent, uiStringsEn.visionAnswered);
    // The edit sends the images again, so they stay in view while the text is edited.
    ($(`.turn-user [aria-label="${uiStringsEn.edit}"]`) as HTMLButtonElement).click();
    assert.ok($('.turn-user .edit-box'), 'the edit box is open');
    assert.equal($$('.turn-user .turn-image').length, 2);
  });
});
