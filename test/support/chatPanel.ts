// Page helpers for the GLM sidebar chat (its webview) and the editor around it, driven as a person would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { MockServer, RecordedRequest } from '../../src/mock/server';
import { extensionId } from './paths';
import { answerInputBox, extensionWebview, runCommand } from './workbench';

const OUTER_FRAME = `iframe.webview.ready[src*="extensionId=${extensionId}"]`;
export const ANSWER_TIMEOUT_MS = 30_000;

/** Shows the chat (GLM: Focus Chat Input: it reveals the view and never toggles it away) and waits for its input. */
export async function openChat(page: Page): Promise<void> {
  const prompt = extensionWebview(page).locator('.prompt');
  if (!(await prompt.isVisible().catch(() => false))) await runCommand(page, 'GLM: Focus Chat Input');
  await prompt.waitFor({ timeout: 60_000 });
}

/** Stores the mock's token through GLM: Set API Token, then shows the chat: where most chat suites start. */
export async function signInAndOpenChat(page: Page, token: string): Promise<void> {
  await runCommand(page, 'GLM: Set API Token');
  await answerInputBox(page, token, { password: true });
  await openChat(page);
}

/** The view's native title action "New Chat" (view/title menu), then an empty chat. */
export async function newChat(page: Page): Promise<void> {
  await openChat(page);
  const turns = extensionWebview(page).locator('[data-turn-id]');
  // An empty chat is already new; clicking anyway would race the next question against the host's reload.
  if ((await turns.count()) === 0) return;
  await page.locator('.part.sidebar .title-actions a.action-label[aria-label^="New Chat"]').first().click();
  await turns.first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** Types `text` into the chat input and presses Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  const prompt = extensionWebview(page).locator('.prompt');
  await prompt.fill(text);
  await prompt.press('Enter');
}

/** The send button: labelled Stop while an answer streams, Send otherwise. */
export function sendButton(page: Page, label: 'Send' | 'Stop'): Locator {
  return extensionWebview(page).locator(`.send[aria-label="${label}"]`);
}

/** Waits until no answer streams (the send button says Send again). */
export async function waitIdle(page: Page, timeoutMs = ANSWER_TIMEOUT_MS): Promise<void> {
  await sendButton(page, 'Send').waitFor({ timeout: timeoutMs });
}

/** Sends `text` and waits for the whole answer. */
export async function askAndWait(page: Page, text: string): Promise<Locator> {
  const answers = extensionWebview(page).locator('.turn-assistant');
  const before = await answers.count();
  await ask(page, text);
  // The answer's turn appears on stream/start (a fast answer may be over before a Stop button could be seen).
  await answers.nth(before).waitFor({ timeout: 15_000 });
  await waitIdle(page);
  return lastAnswer(page);
}

export function lastAnswer(page: Page): Locator {
  return extensionWebview(page).locator('.turn-assistant').last();
}

/** The chat's document as a Frame (for evaluate); the FrameLocator of `extensionWebview` cannot evaluate. */
export async function chatFrame(page: Page): Promise<Frame> {
  const outer = await (await page.locator(OUTER_FRAME).elementHandle())?.contentFrame();
  const inner = await (await outer?.locator('iframe#active-frame').elementHandle())?.contentFrame();
  if (!inner) throw new Error('the chat webview frame is not there');
  return inner;
}

/** Requests the mock received for chat completions, with the text of their last user message. */
export function completions(mock: MockServer): Array<RecordedRequest & { question: string }> {
  return mock.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => {
    const messages: Array<{ role: string; content: unknown }> = r.body?.messages ?? [];
    const last = [...messages].reverse().find((m) => m.role === 'user');
    return { ...r, question: typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '') };
  });
}

/** Polls `check` until it returns true (for state outside the page, e.g. the mock's records). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Writes a file into the workspace and opens it with Quick Open; the editor has focus afterwards. */
export async function openWorkspaceFile(page: Page, workspace: string, name: string, content: string): Promise<string> {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, content);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  // Quick Open answers from a file list cached by its last search: a file created just now may need a retry.
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.keyboard.press('Control+P');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(name);
    try {
      await row.click({ timeout: 3000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  await tab.waitFor({ timeout: 15_000 });
  await activeEditorLines(page).click();
  return file;
}

/** The text area of the active editor group's editor. */
export function activeEditorLines(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance > .monaco-editor .view-lines').first();
}

/** Clicks `button` on the notification matching `message` (from the notification centre if its toast hid). */
export async function clickNotificationButton(page: Page, message: RegExp, button: string, timeoutMs = 15_000): Promise<void> {
  const item = page.locator('.notification-list-item', { hasText: message }).first();
  try {
    await item.waitFor({ timeout: timeoutMs });
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    await item.waitFor({ timeout: 5000 });
  }
  await item.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
}
