// Entry point that VS Code's extension host loads as `extensionTestsPath` (code-server payload route or
// @vscode/test-electron). Runs every `*.test.js` bundled next to it with mocha's TDD interface
// (suite / test / suiteSetup / setup / teardown). esbuild bundles each test/integration/*.test.ts here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Prefix of every line mocha prints, so a runner can pick the report out of the extension host's console. */
export const REPORT_TAG = '[mocha] ';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, grep: process.env.GLM_TEST_GREP || undefined });
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) =>
    console.log(format(...args).split('\n').map((line) => REPORT_TAG + line).join('\n'));
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  const failed = stats.failures;
  // A plain closing line that CI and the runners read.
  console.log(`${REPORT_TAG}integration: ${stats.passes} passed, ${failed} failed, ${stats.pending} skipped`);
  if (files.length === 0 || stats.tests === 0) throw new Error('no integration tests ran');
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
