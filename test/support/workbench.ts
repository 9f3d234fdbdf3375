// Page helpers for driving the VS Code workbench as a person would (shared by every e2e suite).
import type { FrameLocator, Page } from 'playwright-core';
import { extensionId } from './paths';

/** The workbench takes 15-25 s to load on this machine kind. */
export const LOAD_TIMEOUT_MS = 60_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: LOAD_TIMEOUT_MS });
  // The status bar fills in once the extension host is up: a good sign the workbench is usable.
  await page.locator('.statusbar').waitFor({ timeout: LOAD_TIMEOUT_MS });
}

/** The activity-bar icon of a view container, e.g. `activityIcon(page, 'GLM')`. */
export function activityIcon(page: Page, title: string) {
  return page.locator(`.activitybar a.action-label[aria-label^="${title}"]`);
}

/**
 * Opens the command palette and runs the command whose label is `label` (e.g. "GLM: Test Connection").
 * Retries while the command is not listed yet: extensions' contributions arrive seconds after the workbench.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 60_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await openPalette(page);
      await input.fill(`>${label}`, { timeout: 5000 });
      await row.waitFor({ timeout: 3000 });
      await row.click();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`command "${label}" is not in the palette: ${(err as Error).message}`, { cause: err });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** Opens a fresh command palette, after any quick input still open (or fading out) has gone. */
async function openPalette(page: Page): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 5000 });
  }
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 5000 });
}

/** Types into the open input box (the password box of "Set API Token" included) and confirms. */
export async function answerInputBox(page: Page, text: string, opts: { password?: boolean } = {}): Promise<void> {
  const selector = opts.password ? '.quick-input-widget input[type="password"]' : '.quick-input-widget .quick-input-box input';
  const input = page.locator(selector);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(text);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/**
 * Picks `file` in VS Code's own file dialog (the browser has no system one): types its path and presses Enter.
 * The dialog lists folders and settles autocompletion asynchronously, and an Enter that lands while it is busy
 * can navigate instead of accepting, so a person looks again and presses Enter once more: this does the same.
 */
export async function pickInFileDialog(page: Page, file: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor({ timeout: 15_000 });
  // The dialog opens on a folder, its path ending in a separator: not some other quick input still fading out.
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value.endsWith('/'), undefined, { timeout: 15_000 });
  for (let attempt = 1; ; attempt++) {
    if ((await input.inputValue()) !== file) await input.fill(file);
    await input.press('Enter');
    const closed = await widget.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false);
    if (closed) return;
    if (attempt === 3) throw new Error(`the file dialog did not accept ${file}; it shows "${await input.inputValue()}"`);
  }
}

/** Texts of every notification currently shown as a toast or in the notification centre. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notification-list-item-message').allInnerTexts();
}

/** Waits for a notification matching `pattern`; opens the notification centre when no toast shows it. */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let openedCentre = false;
  while (Date.now() < deadline) {
    const hit = (await notificationTexts(page)).find((t) => pattern.test(t));
    if (hit) return hit;
    if (!openedCentre && Date.now() > deadline - timeoutMs / 2) {
      await runCommand(page, 'Notifications: Show Notifications');
      openedCentre = true;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no notification matched ${pattern}; shown: ${JSON.stringify(await notificationTexts(page))}`);
}

/** Closes every notification so the next wait sees only new ones. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** The inner document of the extension's webview view (the chat): outer host iframe, then the active frame. */
export function extensionWebview(page: Page): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`).frameLocator('iframe#active-frame');
}
