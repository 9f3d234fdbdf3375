// Images as a person attaches them in the browser: a PNG pasted into the message box (a real ClipboardEvent with
// a File in its DataTransfer) shows as a chip; with a model that takes no images the composer offers the vision
// model, whose answer names it; a large image is downscaled in the webview before it is sent; the sent turn
// shows the thumbnail, which opens the image in an editor; the image button opens the host's file picker, and a
// drop adds images and refuses other files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from '../support/e2eWorkbench';
import { chatFrame, completions, lastAnswer, newChat, signInAndOpenChat, waitIdle } from '../support/chatPanel';
import { png } from '../support/images';
import { extensionWebview, pickInFileDialog } from '../support/workbench';

suite('e2e: images in the chat', () => {
  const wb = useWorkbench();
  const chat = () => extensionWebview(wb.page);

  suiteSetup(() => signInAndOpenChat(wb.page, wb.mock.token));

  /** Pastes a PNG into the message box the way the browser does for Ctrl+V of an image. */
  async function pastePng(width: number, height: number, name: string): Promise<void> {
    const frame = await chatFrame(wb.page);
    await frame.evaluate(({ b64, name }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      document.querySelector('.prompt')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, { b64: png(width, height).toString('base64'), name });
    await chat().locator('.image-chip', { hasText: name }).waitFor({ timeout: 15_000 });
  }

  test('a pasted image becomes a chip; the model without image input offers the vision model, which answers and is named', async () => {
    await newChat(wb.page);
    await pastePng(48, 32, 'dialog.png');
    assert.equal(await chat().locator('.image-chip').getAttribute('aria-label'), 'Image dialog.png, 48×32');
    const offer = chat().locator('.send-to-vision');
    await offer.waitFor({ timeout: 10_000 });
    assert.equal(await offer.textContent(), 'Send to glm-4.6v');
    await chat().locator('.prompt').fill('What does this dialog say?');
    await chat().locator('.prompt').press('Enter');
    assert.equal(await offer.evaluate((el) => el === el.ownerDocument.activeElement), true, 'Enter leads to the offer, nothing is sent without the image');
    assert.equal(completions(wb.mock).length, 0);
    await offer.press('Enter');
    await chat().locator('.turn-assistant').first().waitFor({ timeout: 15_000 });
    await waitIdle(wb.page);
    const answer = lastAnswer(wb.page);
    assert.match(await answer.locator('.turn-body').innerText(), /I see 1 image\(s\), 48x32\./);
    assert.equal(await answer.locator('.turn-model').textContent(), 'glm-4.6v');
    await answer.locator('.turn-vision').waitFor({ timeout: 5000 });
    const request = completions(wb.mock).at(-1)!;
    assert.equal(request.body.model, 'glm-4.6v');
    const thumb = chat().locator('.turn-user .turn-image img');
    await thumb.waitFor({ timeout: 5000 });
    assert.match((await thumb.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.equal(await chat().locator('.image-chip').count(), 0, 'the composer is empty again');
  });

  test('a large image is downscaled to 2048 px in the webview before it is sent to a vision model', async () => {
    await newChat(wb.page);
    await chat().locator('.model-select').selectOption('glm-4.6v');
    await pastePng(3000, 1000, 'wide.png');
    assert.equal(await chat().locator('.send-to-vision').count(), 0, 'the chosen model takes images');
    await chat().locator('.prompt').fill('Describe it');
    await chat().locator('.prompt').press('Enter');
    await chat().locator('.turn-assistant').first().waitFor({ timeout: 15_000 });
    await waitIdle(wb.page);
    assert.match(await lastAnswer(wb.page).locator('.turn-body').innerText(), /I see 1 image\(s\), 2048x683\./);
    const parts = completions(wb.mock).at(-1)!.body.messages.at(-1).content as Array<{ type: string }>;
    assert.deepEqual(parts.map((p) => p.type), ['image_url', 'text']);
  });

  test('clicking the thumbnail of a sent image opens it in an editor', async () => {
    await chat().locator('.turn-user .turn-image').first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: /\.png/ }).first().waitFor({ timeout: 15_000 });
  });

  test('the image button opens the file picker through the host; picked and dropped files become chips', async () => {
    await newChat(wb.page);
    const file = path.join(wb.server.workspace, 'picked.png');
    fs.writeFileSync(file, png(20, 10));
    await chat().locator('.attach-image').click();
    await pickInFileDialog(wb.page, file);
    await chat().locator('.image-chip', { hasText: 'picked.png' }).waitFor({ timeout: 15_000 });
    assert.equal(await chat().locator('.image-chip').getAttribute('aria-label'), 'Image picked.png, 20×10');
    const frame = await chatFrame(wb.page);
    await frame.evaluate((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      data.items.add(new File(['not an image'], 'notes.txt', { type: 'text/plain' }));
      document.querySelector('.composer')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png(8, 8).toString('base64'));
    await chat().locator('.image-chip', { hasText: 'dropped.png' }).waitFor({ timeout: 15_000 });
    assert.match(await chat().locator('.image-notice').innerText(), /notes\.txt is not a PNG, JPEG, WebP or GIF image\./);
  });
});
