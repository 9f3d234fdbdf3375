import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir } from './paths';

export const screenshotDir = path.join(resultsDir, 'screenshots');

/** Saves a full-page screenshot named after the test and prints where it went. */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`);
  fs.mkdirSync(screenshotDir, { recursive: true });
  try {
    await page.screenshot({ path: file, fullPage: true });
    console.log(`    screenshot: ${file}`);
    return file;
  } catch (err) {
    console.log(`    (no screenshot for ${name}: ${(err as Error).message})`);
    return undefined;
  }
}
