// Images of a chat: stored as files beside its log (never in it), read back for requests and views, moved and
// removed with the chat; a turn with images becomes image_url parts, on the vision model when needed.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answeringModel, planAnswer } from '../../../src/chat/answerPlan';
import { TokenEstimator } from '../../../src/chat/contextBudget';
import type { ImageRef, UserTurn } from '../../../src/chat/conversation';
import { HistoryStore } from '../../../src/chat/historyStore';
import { newestPage } from '../../../src/chat/chatPaging';
import { exportMarkdown } from '../../../src/chat/exportMarkdown';
import { imagesDir, imageRef, loadImages } from '../../../src/chat/imageFiles';
import { turnViews } from '../../../src/chat/viewModel';
import { buildRequestBody } from '../../../src/glm/requestBuilder';
import { PRESETS } from '../../../src/glm/presets';
import type { ChatMessage } from '../../../src/glm/types';
import { pngDataUrl } from '../../support/images';

const red = pngDataUrl(3, 2);
const blue = pngDataUrl(5, 4, [0, 0, 255]);
const attach = (dataUrl: string, name: string) => {
  const ref = imageRef({ name, mime: 'image/png', dataUrl, width: 3, height: 2 })!;
  return { ref, dataUrl };
};
const prompt = (images: ImageRef[], text = 'What is in this picture?'): UserTurn =>
  ({ kind: 'user', id: 'u1', parentId: null, text, chips: [], createdAt: 1, images });

describe('chat images', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'glm-images-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('names an image by its content: the same pixels twice are one file, other pixels another', () => {
    const a = attach(red, 'a.png').ref;
    assert.match(a.file, /^[0-9a-f]{64}\.png$/);
    assert.equal(attach(red, 'copy.png').ref.file, a.file);
    assert.notEqual(attach(blue, 'b.png').ref.file, a.file);
    assert.equal(imageRef({ name: 'x', mime: 'image/png', dataUrl: 'data:text/html;base64,AAAA', width: 1, height: 1 }), undefined);
  });

  it('stores images beside the log (the log holds only references), reads them after a reopen, and moves and removes them with the chat', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 'pic' });
    const image = attach(red, 'red.png');
    await store.images.save(chat.id, [image]);
    await store.addTurn(chat.id, prompt([image.ref]));
    await store.close();
    const file = path.join(dir, 'chats', `${chat.id}.images`, image.ref.file);
    assert.deepEqual(await fs.readFile(file), Buffer.from(red.split(',')[1], 'base64'));
    const log = await fs.readFile(path.join(dir, 'chats', `${chat.id}.jsonl`), 'utf8');
    assert.ok(log.includes(image.ref.file) && !log.includes(red.split(',')[1].slice(0, 40)), 'the log references the image, never its bytes');

    const reopened = await HistoryStore.open(dir);
    const turn = (await reopened.load(chat.id)).turns.get('u1');
    assert.deepEqual(turn?.kind === 'user' && turn.images, [image.ref]);
    assert.equal(await reopened.images.read(chat.id, image.ref), red);

    await reopened.delete(chat.id);
    assert.equal(await fs.access(file).then(() => true, () => false), false, 'gone from chats/ on delete');
    assert.ok(await fs.stat(imagesDir(dir, chat.id, true)));
    await reopened.restore(chat.id);
    assert.equal(await reopened.images.read(chat.id, image.ref), red, 'undo brings them back');
    await reopened.delete(chat.id);
    await reopened.purgeDeleted(0);
    assert.equal(await fs.access(imagesDir(dir, chat.id, true)).then(() => true, () => false), false, 'purged with the chat');
    await reopened.close();
  });

  it('refuses a reference that would name another file', async () => {
    const store = await HistoryStore.open(dir);
    assert.throws(() => store.images.path('chat1', { file: '../../index.json', mime: 'image/png', width: 1, height: 1, name: 'x' }));
    await store.close();
  });

  it('loads each image of a branch once, fresh ones from memory, and shows a missing file by its name', async () => {
    const store = await HistoryStore.open(dir);
    const saved = attach(red, 'red.png');
    const fresh = attach(blue, 'blue.png');
    await store.images.save('chat1', [saved]);
    const missing: ImageRef = { ...saved.ref, file: `${'0'.repeat(64)}.png`, name: 'lost.png' };
    const lookup = await loadImages(store.images, 'chat1', [prompt([saved.ref, missing]), { ...prompt([fresh.ref]), id: 'u2' }], [fresh]);
    assert.equal(lookup(saved.ref), red);
    assert.equal(lookup(fresh.ref), blue);
    assert.equal(lookup(missing), undefined);
    await store.close();
  });

  it('sends images first and the text last as image_url parts, with a note for a lost image', () => {
    const image = attach(red, 'red.png');
    const lost: ImageRef = { ...image.ref, file: `${'1'.repeat(64)}.png`, name: 'lost.png' };
    const plan = planAnswer({ systemPrompt: '', prefix: [], prompt: prompt([image.ref, lost]), model: 'glm-4.6v', answerId: 'a', now: 1,
      images: (ref) => (ref.file === image.ref.file ? red : undefined) }, new TokenEstimator());
    assert.ok(plan.ok);
    assert.deepEqual(plan.messages.at(-1)?.content, [
      { type: 'image_url', image_url: { url: red } },
      { type: 'text', text: 'What is in this picture?\n[image lost.png is no longer available]' },
    ]);
  });

  it('counts an image at a fixed cost, whatever its bytes', () => {
    const estimator = new TokenEstimator();
    const small = estimator.estimateMessage({ role: 'user', content: [{ type: 'image_url', image_url: { url: red } }, { type: 'text', text: 'hi' }] });
    const big = estimator.estimateMessage({ role: 'user', content: [{ type: 'image_url', image_url: { url: pngDataUrl(400, 400) } }, { type: 'text', text: 'hi' }] });
    assert.equal(small, big);
    assert.ok(small >= 1000);
  });

  it('goes to the vision model only when the chosen model takes no images, and marks the answer', () => {
    const withImage = prompt([attach(red, 'r.png').ref]);
    assert.deepEqual(answeringModel('glm-4.7', withImage, 'glm-4.6v'), { model: 'glm-4.6v', vision: true });
    assert.deepEqual(answeringModel('glm-4.5v', withImage, 'glm-4.6v'), { model: 'glm-4.5v', vision: false });
    assert.deepEqual(answeringModel('glm-4.7', prompt([]), 'glm-4.6v'), { model: 'glm-4.7', vision: false });
    const plan = planAnswer({ systemPrompt: '', prefix: [], prompt: withImage, model: 'glm-4.6v', vision: true, answerId: 'a', now: 1 }, new TokenEstimator());
    assert.ok(plan.ok && plan.answer.vision === true && plan.answer.requestedModel === 'glm-4.6v');
  });

  it('on the wire, every preset sends the parts to a vision model and only text with a note to others', () => {
    const image = attach(red, 'r.png');
    const plan = planAnswer({ systemPrompt: '', prefix: [], prompt: prompt([image.ref]), model: 'glm-4.6v', answerId: 'a', now: 1, images: () => red }, new TokenEstimator());
    assert.ok(plan.ok);
    for (const preset of Object.values(PRESETS)) {
      const vision: ChatMessage = buildRequestBody({ model: 'glm-4.6v', messages: plan.messages }, preset, true).messages.at(-1)!;
      assert.deepEqual(vision.content, [{ type: 'image_url', image_url: { url: red } }, { type: 'text', text: 'What is in this picture?' }], preset.id);
      const text: ChatMessage = buildRequestBody({ model: 'glm-4.7', messages: plan.messages }, preset, true).messages.at(-1)!;
      assert.equal(typeof text.content, 'string', preset.id);
      assert.match(String(text.content), /image omitted/);
    }
  });

  it('views show the images of a turn as data URLs in their order, a missing one with an empty source', async () => {
    const image = attach(red, 'red.png');
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 't' });
    await store.addTurn(chat.id, prompt([image.ref, { ...image.ref, file: `${'2'.repeat(64)}.png`, name: 'gone.png' }]));
    const [view] = turnViews(chat, { chipLabel: () => '', chipTokens: () => 0, images: (ref) => (ref.file === image.ref.file ? red : undefined) });
    assert.deepEqual(view.role === 'user' && view.images, [{ name: 'red.png', src: red, width: 3, height: 2 }, { name: 'gone.png', src: '', width: 3, height: 2 }]);
    await store.close();
  });

  it('an exported chat names its images without embedding them', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 't' });
    await store.addTurn(chat.id, prompt([attach(red, 'red.png').ref]));
    const md = exportMarkdown(chat);
    assert.match(md, /Attached context: image red\.png \(3×2\)/);
    assert.ok(!md.includes('base64'));
    await store.close();
  });

  it('a page of the chat holds a bounded number of images, picked before any is read', () => {
    const user = (i: number) => ({ role: 'user' as const, id: `u${i}`, text: 'look', chips: [], createdAt: i, images: [{ name: 'a.png', src: '', width: 1, height: 1 }] });
    const view = { id: 'c', title: 't', model: 'glm-4.6v', thinking: 'auto' as const, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 },
      turns: Array.from({ length: 30 }, (_, i) => user(i)) };
    const page = newestPage(view);
    assert.ok(page.turns.length <= 5 && page.turns.length >= 1, String(page.turns.length));
    assert.equal(page.olderCount, 30 - page.turns.length);
  });
});
