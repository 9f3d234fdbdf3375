// `npm start`: the packaged extension in a real VS Code (code-server) on 127.0.0.1, talking to the local
// mock GLM server, so it works with no real token. Run through `npm start`, which installs the test editor
// and packages the VSIX first. Ctrl+C stops everything. GLM_START_PORT picks the editor's port.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitAfterCleanup, isStopping, onCleanup } from '../test/support/cleanup';
import { installVsix, startCodeServer } from '../test/support/codeServer';
import { startMock } from '../test/support/mock';
import { vsixPath } from '../test/support/paths';

async function main(): Promise<void> {
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-start-extensions-'));
  onCleanup(() => fs.rmSync(extensionsDir, { recursive: true, force: true }));
  await installVsix(vsixPath, extensionsDir);
  const mock = await startMock({ tokensPerSecond: 40 }); // a pace a person can watch
  const server = await startCodeServer({
    extensionsDir,
    port: Number(process.env.GLM_START_PORT) || undefined,
    settings: { 'glm.preset': 'local', 'glm.baseUrl': mock.url },
  });
  console.log(`\nGLM Code Assistant is running in VS Code (code-server ${path.basename(server.runDir)}):\n`);
  console.log(`  Open      ${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
  console.log(`  Mock GLM  ${mock.url} (token "${mock.token}"; preset "local")`);
  console.log('\nFor the real API: run "GLM: Set API Token" and pick another `glm.preset` in the settings.');
  console.log('Press Ctrl+C to stop the editor and the mock server.\n');
  const code = await server.process.exited;
  if (isStopping()) return; // Ctrl+C: the cleanup in progress exits
  throw new Error(`code-server exited (${code}):\n${server.process.tail()}`);
}

main().catch((err: unknown) => {
  console.error('[start]', err);
  return exitAfterCleanup(1);
});
