// Runs test/integration inside a real VS Code (code-server + Chromium): opens the workbench with the
// `payload` query that makes it load this repo as the development extension and run
// out/test/integration/index.js in the extension host. Prints mocha's report; exits with the failure count.
// Build first (`node esbuild.js`); `npm run test:integration` does both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from './support/browser';
import { exitAfterCleanup } from './support/cleanup';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { installVsix, startCodeServer } from './support/codeServer';
import { startMock } from './support/mock';
import { repoRoot, resultsDir } from './support/paths';

const TAG = '[mocha] ';
const RUN_TIMEOUT_MS = Number(process.env.GLM_TEST_TIMEOUT_MS) || 10 * 60_000;

async function main(): Promise<number> {
  const testsEntry = path.join(repoRoot, 'out/test/integration/index.js');
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node esbuild.js\` first`);
  const mock = await startMock();
  const server = await startCodeServer({
    smokeTestDriver: true,
    extensionsDir: await installLmConsumer(),
    settings: { 'glm.preset': 'local', 'glm.baseUrl': mock.url },
  });
  const { page } = await launchBrowser();

  let failed = -1;
  const workbenchErrors: string[] = [];
  const exitCode = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  // The workbench's own log; kept for the failure report (the extension host's console comes below).
  await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
    if (type === 'error') workbenchErrors.push(String(message).split('\n')[0]);
  });
  // The extension host's console reaches the page console, styled: pick mocha's tagged lines out of it.
  page.on('console', (msg) => {
    for (const line of msg.text().split('\n')) {
      const at = line.indexOf(TAG);
      if (at < 0) continue;
      const text = line.slice(at + TAG.length);
      console.log(text);
      const summary = /^integration: \d+ passed, (\d+) failed/.exec(text);
      if (summary) failed = Number(summary[1]);
    }
  });

  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(testsEntry)],
    ['extensionEnvironment', JSON.stringify({
      GLM_MOCK_URL: mock.url,
      GLM_MOCK_TOKEN: mock.token,
      GLM_TEST_LOGS_DIR: path.join(server.userDataDir, 'logs'),
      GLM_TEST_GREP: process.env.GLM_TEST_GREP ?? '',
    })],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`[integration] mock ${mock.url}, workbench ${server.url}`);
  // The first load compiles the workbench's scripts: on a busy 2-core machine that can take well over 30 s.
  await page.goto(url, { timeout: 180_000 });

  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), RUN_TIMEOUT_MS).unref());
  const outcome = await Promise.race([exitCode, timeout]);
  await page.waitForTimeout(500); // let the last console events arrive
  if (outcome === 'timeout' || failed < 0) {
    const shot = path.join(resultsDir, 'screenshots', 'integration-runner.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`[integration] ${outcome === 'timeout' ? 'timed out' : `extension host exited (${outcome}) without a report`}; screenshot: ${shot}`);
    console.error(`[integration] workbench errors:\n${workbenchErrors.join('\n')}`);
    console.error(`[integration] code-server output:\n${server.process.tail()}`);
    return Math.max(1, failed);
  }
  if (outcome !== 0 && failed === 0) return 1; // run() threw for another reason (e.g. no tests found)
  return Math.min(failed, 255); // an exit status wraps at 256
}

/**
 * A second, test-only extension that uses GLM through vscode.lm (test/fixtures/lm-consumer, for
 * test/integration/lmProvider.test.ts), installed like a user's extension: the web workbench loads only
 * one development extension.
 */
async function installLmConsumer(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-extensions-'));
  const vsix = path.join(dir, 'glm-lm-consumer.vsix');
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: path.join(repoRoot, 'test/fixtures/lm-consumer'), stdio: 'ignore' });
  await installVsix(vsix, path.join(dir, 'extensions'));
  return path.join(dir, 'extensions');
}

void main()
  .catch((err: unknown) => {
    console.error('[integration] harness error:', err);
    return 1;
  })
  .then(exitAfterCleanup);
