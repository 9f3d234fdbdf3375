// Images through the chat's real controller (the hidden test hook) against the mock over HTTP: the image_url
// parts on the wire, the files beside the chat's log (shown again after a reload, gone with the chat), and the
// vision model answering for a chosen model that takes no images.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ImageAttachment } from '../../src/shared/imageProtocol';
import { pngDataUrl } from '../support/images';
import { hook, post, state, useChatSuite, waitIdle } from './chatHook';
import { mock, setSetting } from './helpers';

const png = pngDataUrl(6, 4);
const image: ImageAttachment = { name: 'shot.png', mime: 'image/png', dataUrl: png, width: 6, height: 4 };

async function send(text: string, model: string, images: ImageAttachment[] = [image]): Promise<void> {
  const { activeChatId } = await state();
  await post({ type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text, chipIds: [], model, thinking: 'auto', images });
  await waitIdle();
}

const lastUserContent = async () => (await mock.completions()).at(-1)!.body.messages.filter((m: { role: string }) => m.role === 'user').at(-1).content;

suite('images in the chat', () => {
  useChatSuite();
  setup(() => mock.reset());
  teardown(() => setSetting('glm.visionModel', undefined));

  test('an image turn reaches a vision model as image_url parts, and the mock saw the pixels', async () => {
    await send('What is in this screenshot?', 'glm-4.6v');
    assert.deepEqual(await lastUserContent(), [{ type: 'image_url', image_url: { url: png } }, { type: 'text', text: 'What is in this screenshot?' }]);
    const answer = (await state()).turns.at(-1)!;
    assert.equal(answer.status, 'done', answer.error);
    assert.match(answer.text, /^I see 1 image\(s\), 6x4\./);
    assert.equal(answer.vision, undefined, 'the chosen model took the image itself');
  });

  test('images are files beside the chat log, not in it; shown again after a reload; removed with the chat', async () => {
    await send('Describe it', 'glm-4.6v');
    const s = await state();
    assert.equal(s.imageFiles.length, 1);
    const [file] = s.imageFiles;
    assert.equal(path.basename(path.dirname(file)), `${s.activeChatId}.images`);
    assert.deepEqual(readFileSync(file), Buffer.from(png.split(',')[1], 'base64'));
    const log = readFileSync(path.join(path.dirname(path.dirname(file)), `${s.activeChatId}.jsonl`), 'utf8');
    assert.ok(log.includes(path.basename(file)) && !log.includes(png.split(',')[1]), 'the log references the file, never the bytes');

    await hook({ op: 'reload' });
    await post({ type: 'chat/switch', chatId: s.activeChatId });
    const loaded = (await state()).posted.filter((m) => m.type === 'chat/loaded').at(-1);
    const user = loaded?.type === 'chat/loaded' ? loaded.chat.turns.find((t) => t.role === 'user') : undefined;
    assert.deepEqual(user?.role === 'user' && user.images, [{ name: 'shot.png', src: png, width: 6, height: 4 }]);

    await post({ type: 'chat/delete', chatId: s.activeChatId });
    assert.equal(existsSync(file), false, 'the image left with its chat');
    await post({ type: 'chat/undoDelete', chatId: s.activeChatId });
    assert.equal(existsSync(file), true, 'undo brings it back');
  });

  test('a chosen model without image input: the turn goes to glm.visionModel, which is named, and regenerate keeps the image', async () => {
    await setSetting('glm.visionModel', 'glm-4.5v');
    await send('What does this error dialog say?', 'glm-4.7');
    const [request] = await mock.completions();
    assert.equal(request.body.model, 'glm-4.5v');
    assert.equal((await lastUserContent())[0].type, 'image_url');
    const s = await state();
    const answer = s.turns.at(-1)!;
    assert.equal(answer.model, 'glm-4.5v');
    assert.equal(answer.vision, true);
    const start = s.posted.filter((m) => m.type === 'stream/start').at(-1);
    assert.ok(start?.type === 'stream/start' && start.vision === true && start.model === 'glm-4.5v');
    const settings = s.posted.filter((m) => m.type === 'settings/update').at(-1);
    assert.equal(settings?.type === 'settings/update' && settings.selectedModel, 'glm-4.7', "the chat keeps the model the user chose");

    await post({ type: 'chat/regenerate', requestId: randomUUID(), chatId: s.activeChatId, turnId: answer.id, model: 'glm-4.7', thinking: 'auto' });
    await waitIdle();
    const again = (await mock.completions()).at(-1)!;
    assert.equal(again.body.model, 'glm-4.5v');
    assert.deepEqual(await lastUserContent(), [{ type: 'image_url', image_url: { url: png } }, { type: 'text', text: 'What does this error dialog say?' }]);
  });

  test('an image never reaches a text model: the mock would refuse it with Zhipu 1210', async () => {
    await send('plain text turn', 'glm-4.7', []);
    await send('now with a picture', 'glm-4.7');
    const models = (await mock.completions()).map((r) => r.body.model);
    assert.deepEqual(models, ['glm-4.7', 'glm-4.6v']);
    assert.ok((await state()).turns.every((t) => t.kind !== 'answer' || t.status === 'done'));
  });
});
