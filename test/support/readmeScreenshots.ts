// Screenshots for the README, taken by the e2e suites so they never go stale: `docs/screenshots/<name>-<theme>.png`.
// Also the theme switch they need: user settings are rewritten on disk and the workbench applies them live.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Workbench } from './e2eWorkbench';
import { repoRoot } from './paths';

export const readmeShotsDir = path.join(repoRoot, 'docs', 'screenshots');

/** VS Code's built-in themes (their setting ids) and the class the workbench root carries under each. */
export const THEMES = {
  light: { name: 'Light+', workbenchClass: 'vs' },
  dark: { name: 'Dark+', workbenchClass: 'vs-dark' },
  hcDark: { name: 'Default High Contrast', workbenchClass: 'hc-black' },
  hcLight: { name: 'Default High Contrast Light', workbenchClass: 'hc-light' },
} as const;
export type ThemeId = keyof typeof THEMES;

/** Merges `patch` into the user settings.json of the suite's code-server (applied without a reload). */
export function patchUserSettings(wb: Workbench, patch: Record<string, unknown>): void {
  const file = path.join(wb.server.userDataDir, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...patch }, null, 2));
}

/** Switches the colour theme and waits until the workbench shows it. */
export async function setTheme(wb: Workbench, theme: ThemeId): Promise<void> {
  patchUserSettings(wb, { 'workbench.colorTheme': THEMES[theme].name });
  await wb.page.locator(`.monaco-workbench.${THEMES[theme].workbenchClass}`).waitFor({ timeout: 20_000 });
  // Webviews get the new theme variables by message, a moment after the workbench repaints.
  await wb.page.waitForTimeout(800);
}

/** Saves the whole window as `docs/screenshots/<name>-<theme>.png`. */
export async function captureReadmeShot(page: Page, name: string, theme: 'light' | 'dark'): Promise<string> {
  fs.mkdirSync(readmeShotsDir, { recursive: true });
  const file = path.join(readmeShotsDir, `${name}-${theme}.png`);
  await page.mouse.move(0, 0);   // no hover states in the picture
  await page.screenshot({ path: file });
  return file;
}
