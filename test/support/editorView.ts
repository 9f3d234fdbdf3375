// Page helpers for the text editor as a person sees it: Quick Open, the visible lines, the context menu.
import type { Locator, Page } from 'playwright-core';

/** The editor of the active editor group (for a diff editor: its modified side). */
export function activeEditor(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor').last();
}

/** Presses `key` in the active editor once it has the keyboard focus (it comes back a moment after a dialog closes). */
export async function pressInEditor(page: Page, key: string): Promise<void> {
  await page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor.focused').first().waitFor({ timeout: 5000 });
  await page.keyboard.press(key);
}

/** Opens a workspace file by name with Quick Open (Ctrl+P) and waits until its editor tab is the active one. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
  // A file written a moment ago may not be in the file search yet: retry until it is listed.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(fileName);
    try {
      await row.waitFor({ timeout: 5000 });
      break;
    } catch (err) {
      if (attempt >= 5) throw new Error(`Quick Open does not list ${fileName}: ${(err as Error).message}`, { cause: err });
      await page.keyboard.press('Escape');
    }
  }
  await input.press('Enter');
  await page.locator('.part.editor .tab.active', { hasText: fileName }).waitFor({ timeout: 15_000 });
  await activeEditor(page).locator('.lines-content > .view-lines').waitFor({ timeout: 15_000 });
}

/**
 * The lines the active editor shows, top to bottom, with their on-screen rectangles: the document's text, without
 * an inline suggestion's ghost text. Monaco renders spaces as no-break spaces, and whitespace it makes visible
 * (e.g. in the selection) as dots in `.mtkw` spans.
 */
async function renderedLines(page: Page): Promise<Array<{ text: string; x: number; y: number; height: number }>> {
  // The editor's own lines, not the ones an inline diff shows as deleted (they sit in view zones).
  return activeEditor(page)
    .locator('.lines-content > .view-lines')
    .first()
    .evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
        .map((line) => {
          const text = Array.from(line.querySelectorAll<HTMLElement>('span > span'))
            .filter((span) => !span.className.includes('ghost-text'))
            .map((span) => (span.classList.contains('mtkw') ? (span.textContent ?? '').replace(/\u00b7/g, ' ') : span.textContent ?? ''))
            .join('')
            .replace(/\u00a0/g, ' ');
          const rect = line.getBoundingClientRect();
          return { top: parseFloat(line.style.top) || 0, text, x: rect.x, y: rect.y, height: rect.height };
        })
        .sort((a, b) => a.top - b.top)
        .map(({ text, x, y, height }) => ({ text, x, y, height })),
    );
}

/** The lines the active editor shows, top to bottom, as text. */
export async function visibleLines(page: Page): Promise<string[]> {
  return (await renderedLines(page)).map((line) => line.text);
}

/** Waits until the active editor shows lines that pass `check`; returns them. */
export async function waitForLines(page: Page, what: string, check: (lines: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = await visibleLines(page);
    if (check(lines)) return lines;
    await page.waitForTimeout(100);
  }
  throw new Error(`the editor never showed ${what}; it shows:\n${lines.join('\n')}`);
}

/**
 * Right-clicks the active editor's line containing `lineText` (inside the selection, so it stays) and runs
 * `items` from the context menu: each but the last opens a submenu, e.g. `['GLM', 'Explain Selection']`.
 */
export async function runFromContextMenu(page: Page, lineText: string, items: string[]): Promise<void> {
  const lines = await renderedLines(page);
  const line = lines.find((l) => l.text.includes(lineText));
  if (!line) throw new Error(`the editor shows no line with "${lineText}":\n${lines.map((l) => l.text).join('\n')}`);
  await page.mouse.click(line.x + 40, line.y + line.height / 2, { button: 'right' });
  // The workbench's menus live in a shadow root; role locators pierce it.
  const menus = page.locator('.monaco-menu');
  for (const [i, name] of items.entries()) {
    // A menu item's accessible name ends with its keybinding, if any.
    const label = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
    const item = menus.getByRole('menuitem', { name: label }).first();
    await item.waitFor({ timeout: 10_000 });
    if (i < items.length - 1) await item.hover();
    else {
      // A menu ignores clicks for a moment after it opens: click again while it stays open.
      for (let attempt = 0; attempt < 5 && (await item.isVisible()); attempt++) {
        await item.click({ timeout: 2000 }).catch(() => undefined);
        await item.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
      }
      if (await item.isVisible()) throw new Error(`the menu item "${name}" does not respond to clicks`);
    }
  }
}
