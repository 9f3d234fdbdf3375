// The chat under extreme answers and histories, in the browser with the packaged VSIX: a pathological
// answer leaves the chat usable (Stop, send, reopen), a 5,000-turn chat opens with the DOM bounded, a
// 2 MB answer completes and the composer still takes input. Checked by DOM size and completion, never timing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { useWorkbench } from '../support/e2eWorkbench';
import { askAndWait, ask, chatFrame, lastAnswer, openChat, sendButton, waitIdle } from '../support/chatPanel';
import { answerInputBox, extensionWebview, runCommand, waitForWorkbench } from '../support/workbench';

const SEEDED = 'seeded-5000-turns';

/** A chat log of `turns` turns as the history store writes it, so the extension finds it on its next start. */
function seedChat(userDataDir: string, turns: number): void {
  const dir = path.join(userDataDir, 'User/globalStorage/glm-code-assistant.glm-code-assistant/history/chats');
  fs.mkdirSync(dir, { recursive: true });
  const at = Date.now() + 60_000;
  const lines = [JSON.stringify({ e: 'chat', v: 1, id: SEEDED, title: 'Five thousand turns', at })];
  let parent: string | null = null;
  for (let i = 0; i < turns; i++) {
    const id = `t${i}`;
    const turn = i % 2 === 0
      ? { kind: 'user', id, parentId: parent, text: `Question ${i}: how does step ${i} work?`, chips: [], createdAt: at }
      : { kind: 'answer', id, parentId: parent, text: `Step ${i} works **like this**:\n\n\`\`\`ts\nconst step = ${i};\n\`\`\`\n`, thinking: '', status: 'done', requestedModel: 'glm-4.7', model: 'glm-4.7', createdAt: at, finishedAt: at };
    lines.push(JSON.stringify({ e: 'turn', turn, at }));
    parent = id;
  }
  fs.writeFileSync(path.join(dir, `${SEEDED}.jsonl`), `${lines.join('\n')}\n`);
}

suite('e2e: chat at scale', () => {
  const wb = useWorkbench({ 'glm.maxRetries': 0 });
  const chat = () => extensionWebview(wb.page);
  const elements = async (): Promise<number> => (await chatFrame(wb.page)).evaluate(() => document.querySelectorAll('*').length);
  /** Opens a saved chat from the chat list, toggling the list until its item shows (a test before may have left it open). */
  const openFromList = async (title: string): Promise<void> => {
    const item = chat().locator('.chat-item', { hasText: title }).locator('button').first();
    for (let i = 0; i < 3 && !(await item.isVisible()); i++) {
      await chat().locator('button[aria-label="Show chats"]').click();
      await item.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await item.click();
  };

  /**
   * Scrolls `turn`'s answer to its start, as a reader would, and waits for `text` there: the start of a long
   * answer is off screen after it ends, and its chunks are back in the page only when they come near the view.
   */
  const showsStart = async (turn: Locator, text: RegExp): Promise<void> => {
    await turn.locator('.turn-body').evaluate((body) => body.scrollIntoView({ block: 'start' }));
    await turn.locator('.turn-body > :first-child').filter({ hasText: text }).waitFor({ state: 'attached', timeout: 10_000 });
  };

  suiteSetup(async function () {
    this.timeout(120_000);
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await openChat(wb.page);
  });

  test('a pathological answer renders as text past the limits; Stop, send and reopen still work', async function () {
    this.timeout(240_000);
    // About 1.5 MB at the mock's pace: wait for the end as long as the 2 MB test does.
    await ask(wb.page, '[[mock:pathological n=10000]] Show me the output');
    await waitIdle(wb.page, 200_000);
    const answer = lastAnswer(wb.page);
    assert.ok(await answer.locator('.render-limit').count() > 0, 'a quiet note says the rest is plain text');
    await showsStart(answer, /Here is the output/);
    await ask(wb.page, '[[mock:pace tps=5]] And now something short');
    await sendButton(wb.page, 'Stop').click();
    await waitIdle(wb.page);
    assert.match(await lastAnswer(wb.page).innerText(), /Stopped/);
    await askAndWait(wb.page, 'One more question');
    assert.ok((await lastAnswer(wb.page).locator('.turn-body').innerText()).length > 20, 'the next answer arrives');
    // Reopen: a new window (and extension host) shows the saved chat with the pathological answer.
    await wb.page.reload();
    await waitForWorkbench(wb.page);
    await openChat(wb.page);
    // A new window starts a new chat: the saved one is opened from the chat list.
    await openFromList('Show me the output');
    await chat().locator('.render-limit').first().waitFor({ state: 'attached', timeout: 60_000 });
    await showsStart(chat().locator('.turn-assistant').first(), /Here is the output/);
  });

  test('a 5,000-turn chat opens with a bounded DOM, also after scrolling up', async function () {
    this.timeout(240_000);
    seedChat(wb.server.userDataDir, 5000);
    await wb.page.reload();
    await waitForWorkbench(wb.page);
    await openChat(wb.page);
    await openFromList('Five thousand turns');
    await chat().locator('[data-turn-id="t4999"]').waitFor({ timeout: 60_000 });
    assert.ok(await elements() <= 3000, `DOM elements ${await elements()}`);
    const frame = await chatFrame(wb.page);
    for (let i = 0; i < 30; i++) {
      await frame.evaluate(() => { document.querySelector('.scroller')!.scrollTop -= 2000; });
      await wb.page.waitForTimeout(50);
    }
    await chat().locator('[data-turn-id="t4900"]').waitFor({ state: 'attached', timeout: 30_000 }).catch(() => undefined);
    const older = await frame.evaluate(() => Math.min(...[...document.querySelectorAll('[data-turn-id^="t"]')].map((e) => Number(e.getAttribute('data-turn-id')!.slice(1)))));
    assert.ok(older < 4960, `older pages loaded while scrolling up (first mounted turn t${older})`);
    assert.ok(await elements() <= 3000, `DOM elements after scrolling ${await elements()}`);
    await askAndWait(wb.page, 'Does this long chat still answer?');
    assert.ok((await lastAnswer(wb.page).innerText()).length > 20);
  });

  test('a 2 MB answer completes and the composer still takes input', async function () {
    this.timeout(400_000);
    await runCommand(wb.page, 'GLM: New Chat');
    const answer = await (async () => {
      await ask(wb.page, '[[mock:long-answer bytes=2000000]] Explain everything');
      await waitIdle(wb.page, 360_000);
      return lastAnswer(wb.page);
    })();
    assert.ok(await answer.locator('.turn-body h2').count() > 0);
    // The view followed the answer to its end: while the text rendered behind a gap standing in for it,
    // nothing above changed size under the reader (a group of chunks once shrank and the view jumped up).
    const frame = await chatFrame(wb.page);
    const atEnd = (): Promise<{ below: number; shown: boolean }> => frame.evaluate(() => {
      const scroller = document.querySelector('.scroller')!;
      const last = [...document.querySelectorAll('.turn-assistant .turn-body')].pop()!.lastElementChild!.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return { below: scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight, shown: last.bottom > view.top && last.top < view.bottom };
    });
    // A look now and then while the last frames of rendering settle (a slow machine may still be at it).
    let end = await atEnd();
    for (let i = 0; i < 20 && !(end.below <= 4 && end.shown); i++) {
      await wb.page.waitForTimeout(250);
      end = await atEnd();
    }
    assert.ok(end.below <= 4 && end.shown, `the end of the answer is in view (${JSON.stringify(end)})`);
    const prompt = chat().locator('.prompt');
    await prompt.pressSequentially('still typing');
    assert.equal(await prompt.inputValue(), 'still typing');
    // Chunks far off screen leave the page (chunkParking.ts): 2 MB of markdown, yet a bounded DOM.
    assert.ok(await elements() < 5_000, `DOM elements ${await elements()}`);
    await showsStart(answer, /Part 1:/);
  });
});
