// Screenshots for the README, taken by the e2e suites so they never go stale: `docs/screenshots/<name>-<theme>.png`.
// Also the theme switch they need.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './paths';
import { runCommand } from './workbench';

export const readmeShotsDir = path.join(repoRoot, 'docs', 'screenshots');

/** VS Code's built-in themes (their labels in the theme picker) and the class the workbench root carries under each. */
export const THEMES = {
  light: { label: 'Light+', workbenchClass: 'vs' },
  dark: { label: 'Dark+', workbenchClass: 'vs-dark' },
  hcDark: { label: 'Dark High Contrast', workbenchClass: 'hc-black' },
  hcLight: { label: 'Light High Contrast', workbenchClass: 'hc-light' },
} as const;
export type ThemeId = keyof typeof THEMES;

/** Switches the colour theme as a person does (Preferences: Color Theme) and waits until the workbench shows it. */
export async function setTheme(page: Page, theme: ThemeId): Promise<void> {
  const { label, workbenchClass } = THEMES[theme];
  await runCommand(page, 'Preferences: Color Theme');
  const picker = page.locator('.quick-input-widget');
  await picker.locator('.quick-input-box input').fill(label);
  const exact = new RegExp(`^${label.replace(/[+]/g, '\\+')}$`);
  await picker.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: 15_000 });
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 30_000 });
  // Webviews get the new theme variables by message, a moment after the workbench repaints.
  await page.waitForTimeout(800);
}

/** Saves the whole window as `docs/screenshots/<name>-<theme>.png`. */
export async function captureReadmeShot(page: Page, name: string, theme: 'light' | 'dark'): Promise<string> {
  fs.mkdirSync(readmeShotsDir, { recursive: true });
  const file = path.join(readmeShotsDir, `${name}-${theme}.png`);
  await page.mouse.move(0, 0);   // no hover states in the picture
  await page.screenshot({ path: file });
  return file;
}
