import { chromium, type Browser, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import { chromiumPath } from './paths';

/** Flags that keep Debian's Chromium headless, offline and quiet (see shared/testing/README.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface BrowserSession {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A fresh headless Chromium (temporary profile) with one page sized like a laptop screen. */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const close = async (): Promise<void> => {
    unregister();
    await browser.close().catch(() => undefined);
  };
  const unregister = onCleanup(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  return { browser, page, close };
}
