// The extension's entry (dist/extension.js): a few lines that load the real composition root
// (src/host/main.ts, bundled to dist/main.js) through V8's code cache, so that a start after the first
// does not parse a quarter megabyte of script before activating. Nothing here imports `vscode` at run time.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { requireCached } from './host/codeCache';

export type { GlmTestApi } from './host/main';

type Main = typeof import('./host/main');
let main: Main | undefined;

export function activate(context: vscode.ExtensionContext): ReturnType<Main['activate']> {
  main = requireCached<Main>(path.join(__dirname, 'main.js'), path.join(context.globalStorageUri.fsPath, 'code-cache'), require).exports;
  return main.activate(context);
}

/** VS Code waits for the returned promise (briefly) before the host exits: pending history writes land. */
export function deactivate(): Promise<void> | undefined {
  return main?.deactivate();
}
