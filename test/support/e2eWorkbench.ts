// One workbench per e2e suite: the packaged VSIX installed, the mock GLM server, code-server, Chromium.
// Call `useWorkbench()` at the top of a mocha `suite`; its fields are filled once suiteSetup has run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { MockServer } from '../../src/mock/server';
import { launchBrowser, type BrowserSession } from './browser';
import { onCleanup } from './cleanup';
import { installVsix, startCodeServer, type CodeServer } from './codeServer';
import { startMock } from './mock';
import { vsixPath } from './paths';
import { saveScreenshot } from './screenshots';
import { waitForWorkbench } from './workbench';

export interface Workbench {
  page: Page;
  mock: MockServer;
  server: CodeServer;
}

let extensionsDir: Promise<string> | undefined;

/** Installs the VSIX once per mocha process; every suite's code-server shares the folder. */
function installedExtensions(): Promise<string> {
  return (extensionsDir ??= ownExtensions());
}

export interface WorkbenchOptions {
  /** Display language of the workbench (see `CodeServerOptions.locale`). */
  locale?: string;
  /** Builds language pack VSIXs for `locale`; the suite then gets an extensions folder of its own. */
  languagePacks?: () => Promise<string[]>;
}

/** An extensions folder of the suite's own, with the VSIX installed (for suites that add extensions). */
async function ownExtensions(): Promise<string> {
  if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run \`npm run package\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-e2e-extensions-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  await installVsix(vsixPath, dir);
  return dir;
}

export function useWorkbench(settings: Record<string, unknown> = {}, opts: WorkbenchOptions = {}): Workbench {
  const wb = {} as Workbench;
  let browser: BrowserSession | undefined;

  suiteSetup(async function () {
    this.timeout(240_000);
    // A token of its own: the extension's built-in fallback (`mock-token`) must not make a test pass.
    wb.mock = await startMock({ token: `e2e-token-${Math.random().toString(36).slice(2, 10)}` });
    wb.server = await startCodeServer({
      extensionsDir: opts.languagePacks ? await ownExtensions() : await installedExtensions(),
      settings: { 'glm.preset': 'local', 'glm.baseUrl': wb.mock.url, ...settings },
      locale: opts.locale,
      languagePacks: await opts.languagePacks?.(),
    });
    browser = await launchBrowser();
    wb.page = browser.page;
    try {
      await wb.page.goto(`${wb.server.url}/?folder=${encodeURIComponent(wb.server.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
      await waitForWorkbench(wb.page);
    } catch (err) {
      await saveScreenshot(wb.page, `${this.test?.parent?.title ?? 'suite'}-setup`);
      throw err;
    }
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && wb.page) await saveScreenshot(wb.page, this.currentTest.fullTitle());
  });

  suiteTeardown(async () => {
    await browser?.close();
    await wb.server?.stop();
    await wb.mock?.close();
  });

  return wb;
}
