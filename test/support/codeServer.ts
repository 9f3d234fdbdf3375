import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { onCleanup } from './cleanup';
import { codeServerBin, nodeBinDir } from './paths';
import { spawnGroup, type ProcessGroup } from './processGroup';

export interface CodeServerOptions {
  /** User settings merged over the quiet defaults below. */
  settings?: Record<string, unknown>;
  /** Needed for the `payload` route (extension tests); off means notifications toast as for a person. */
  smokeTestDriver?: boolean;
  /** Reuse an extensions folder (e.g. one with the VSIX installed); default: an empty one in the run dir. */
  extensionsDir?: string;
  /** Keep the server on this port instead of a free one (npm start). */
  port?: number;
  /** Display language (`--locale`), e.g. `zh-cn`; it takes effect only with a language pack for it. */
  locale?: string;
  /** Language pack VSIXs, installed before the server starts and listed in its `languagepacks.json`. */
  languagePacks?: string[];
}

export interface CodeServer {
  url: string;
  port: number;
  runDir: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  process: ProcessGroup;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet, offline and deterministic. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'remote.autoForwardPorts': false, // no "application running on port" toasts over the tests
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'files.hotExit': 'off',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  // Ghost-text requests would land in the mock records other suites count; the completions suites turn it on.
  'glm.completions.enabled': 'off',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment every test-editor process gets: Node 24 first on PATH, config and data in the run dir. */
export function editorEnv(runDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
  };
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server is not installed at ${codeServerBin}: run scripts/setup-test-editor.sh`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-editor-'));
  const removeRunDir = onCleanup(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const userDataDir = path.join(runDir, 'user-data');
  const workspace = path.join(runDir, 'workspace');
  const extensionsDir = opts.extensionsDir ?? path.join(runDir, 'extensions');
  for (const dir of [path.join(userDataDir, 'User'), workspace, extensionsDir]) fs.mkdirSync(dir, { recursive: true });
  const settings = { ...quietSettings, ...opts.settings };
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  for (const vsix of opts.languagePacks ?? []) await installVsix(vsix, extensionsDir);
  if (opts.languagePacks?.length) writeLanguagePacksCache(extensionsDir, userDataDir);

  const port = opts.port ?? (await freePort());
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(opts.locale ? ['--locale', opts.locale] : []),
    workspace,
  ];
  const proc = spawnGroup(codeServerBin, args, { env: editorEnv(runDir), cwd: runDir });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    removeRunDir();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, proc);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, runDir, workspace, userDataDir, extensionsDir, process: proc, stop };
}

async function waitForHealth(url: string, proc: ProcessGroup, timeoutMs = 60_000): Promise<void> {
  let exitedWith: number | string | undefined;
  void proc.exited.then((code) => (exitedWith = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) throw new Error(`code-server exited (${exitedWith}) before it was healthy:\n${proc.tail()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server was not healthy within ${timeoutMs} ms:\n${proc.tail()}`);
}

/**
 * Writes the cache the server reads its display languages from (`<user-data>/languagepacks.json`, VS Code's
 * `ILanguagePack` per locale). A running server keeps it up to date itself, but a pack installed from the
 * command line is not listed until then, so `--locale` would fall back to English on the first start.
 */
function writeLanguagePacksCache(extensionsDir: string, userDataDir: string): void {
  const packs: Record<string, unknown> = {};
  for (const entry of fs.readdirSync(extensionsDir, { withFileTypes: true })) {
    const manifest = path.join(extensionsDir, entry.name, 'package.json');
    if (!entry.isDirectory() || !fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      publisher: string; name: string; version: string;
      contributes?: { localizations?: Array<{ languageId: string; localizedLanguageName?: string; translations: Array<{ id: string; path: string }> }> };
    };
    for (const loc of pkg.contributes?.localizations ?? []) {
      packs[loc.languageId.toLowerCase()] = {
        hash: `${pkg.name}-${pkg.version}`,
        label: loc.localizedLanguageName,
        extensions: [{ extensionIdentifier: { id: `${pkg.publisher}.${pkg.name}` }, version: pkg.version }],
        translations: Object.fromEntries(loc.translations.map((t) => [t.id, path.join(extensionsDir, entry.name, t.path)])),
      };
    }
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

/** Installs a VSIX into an extensions folder with the cached code-server. */
export async function installVsix(vsix: string, extensionsDir: string): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-install-'));
  try {
    const proc = spawnGroup(codeServerBin, ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { env: editorEnv(runDir), cwd: runDir });
    const code = await proc.exited;
    await proc.stop();
    if (code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${code}):\n${proc.tail()}`);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
