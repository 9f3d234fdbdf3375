// What a person sees of the request manager: the GLM status bar item says "queued (1)" while a second request
// waits for the only slot and "limited until hh:mm" after a usage cap; "GLM: Show Usage" shows the day's tokens.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { ask, newChat, openChat, waitIdle } from '../support/chatPanel';
import { useWorkbench } from '../support/e2eWorkbench';
import { answerInputBox, clearNotifications, runCommand, waitForNotification } from '../support/workbench';

suite('e2e: requests', () => {
  const wb = useWorkbench({ 'glm.maxConcurrentRequests': 1 });
  const statusItem = () => wb.page.locator('.statusbar-item[id="glm-code-assistant.glm-code-assistant.glm.status"]');

  suiteSetup(async function () {
    this.timeout(120_000);
    await runCommand(wb.page, 'GLM: Set API Token');
    await answerInputBox(wb.page, wb.mock.token, { password: true });
    await waitForNotification(wb.page, /API token saved/);
    await clearNotifications(wb.page);
  });

  test('the status bar shows streaming, then queued while a second request waits for the only slot', async () => {
    await openChat(wb.page);
    await newChat(wb.page);
    await ask(wb.page, '[[mock:pace tps=6]] Explain closures slowly');
    await statusItem().filter({ hasText: /streaming \(1\)/ }).waitFor({ timeout: 30_000 });
    await runCommand(wb.page, 'GLM: Test Connection');
    await statusItem().filter({ hasText: /queued \(1\)/ }).waitFor({ timeout: 30_000 });
    await waitIdle(wb.page, 90_000);
    await waitForNotification(wb.page, /Connected to/, 60_000);
    await statusItem().filter({ hasNotText: /queued|streaming/ }).waitFor({ timeout: 10_000 });
  });

  test('after a usage cap the status bar says "limited until" the local reset time', async () => {
    await newChat(wb.page);
    await ask(wb.page, '[[mock:error code=1308 reset-in=7200]] hi');
    await waitIdle(wb.page);
    const at = new Date(Date.now() + 7200_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    await statusItem().filter({ hasText: `limited until ${hhmm}` }).waitFor({ timeout: 15_000 });
    const sent = wb.mock.requests.length;
    await runCommand(wb.page, 'GLM: Send Requests Anyway');
    await statusItem().filter({ hasNotText: /limited/ }).waitFor({ timeout: 10_000 });
    assert.equal(wb.mock.requests.length, sent, 'sending anyway alone sends nothing');
  });

  test('GLM: Show Usage displays the day\'s tokens in a webview', async () => {
    const chat = wb.mock.requests.filter((r) => r.path.endsWith('/chat/completions') && !r.rejected);
    assert.ok(chat.length >= 2);
    await runCommand(wb.page, 'GLM: Show Usage');
    const frame = await usageFrame(wb.page);
    const today = frame.locator('.card').first();
    await today.locator('.value').waitFor({ timeout: 15_000 });
    const tokens = Number((await today.locator('.value').innerText()).replace(/\D/g, ''));
    assert.ok(tokens > 0, `today shows ${tokens} tokens`);
    assert.ok((await frame.locator('table.models td').first().innerText()).startsWith('glm-'));
    assert.ok((await frame.locator('svg.chart rect.bar.today').count()) === 1);
  });
});

/** The usage panel's document: the inner frame of the webview (chat or usage) whose body holds the usage cards. */
async function usageFrame(page: Page, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if (await frame.locator('body h1 + .cards, body .empty').count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the usage webview did not appear');
    await page.waitForTimeout(250);
  }
}
