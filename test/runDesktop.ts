// The same integration suite under a desktop VS Code, for contributors with one and internet access:
// @vscode/test-electron downloads VS Code (or uses VSCODE_EXECUTABLE_PATH) and loads the same entry point.
// Build first (`node esbuild.js`); `npm run test:desktop` does both.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { exitAfterCleanup } from './support/cleanup';
import { startMock } from './support/mock';
import { repoRoot } from './support/paths';

async function main(): Promise<number> {
  const mock = await startMock();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-desktop-'));
  const userDir = path.join(runDir, 'user-data/User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.mkdirSync(path.join(runDir, 'workspace'));
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'glm.preset': 'local', 'glm.baseUrl': mock.url }),
  );
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out/test/integration/index.js'),
      extensionTestsEnv: { GLM_MOCK_URL: mock.url, GLM_MOCK_TOKEN: mock.token, GLM_TEST_LOGS_DIR: path.join(runDir, 'user-data/logs'), GLM_TEST_GREP: process.env.GLM_TEST_GREP ?? '' },
      launchArgs: [path.join(runDir, 'workspace'), '--user-data-dir', path.join(runDir, 'user-data'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

void main()
  .catch((err: unknown) => {
    console.error('[desktop] tests failed:', err);
    return 1;
  })
  .then(exitAfterCleanup);
