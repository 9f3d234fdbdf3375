// search_text through the ripgrep that ships with VS Code (as other extensions do: it is fast, honours
// .gitignore, and is already on disk). Where it lives differs between VS Code builds, so several known
// places under `vscode.env.appRoot` are tried; none found means the Node walker does the search.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { TextMatch, TextQuery } from './workspaceWalker';

/** Where builds of VS Code (desktop, asar-packed, older, code-server/remote) keep their rg binary. */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const under = (dir: string): string[] => [
    path.join(appRoot, dir, '@vscode', 'ripgrep', 'bin', exe),
    path.join(appRoot, dir, 'vscode-ripgrep', 'bin', exe),
    path.join(appRoot, dir, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
  ];
  return [...under('node_modules.asar.unpacked'), ...under('node_modules')];
}

export const RG_BASE_ARGS = ['--no-heading', '--with-filename', '--line-number', '--null', '--color', 'never', '--hidden', '--no-require-git',
  '--glob', '!.git', '--max-columns', '400', '--max-filesize', '4M'];

export interface RipgrepOptions {
  /** Globs to leave out (files.exclude, search.exclude), relative to the root. */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** Runs rg in `root`; resolves with at most maxResults + 1 matches (the extra one says "more were cut"). */
export function searchWithRipgrep(rgPath: string, root: string, q: TextQuery, options: RipgrepOptions = {}): Promise<TextMatch[]> {
  // Hidden files are searched (like VS Code's search), .git never; .gitignore counts outside a git repo too.
  // Plain `path NUL line:text` output: a fraction of --json's bytes, and NUL makes any path unambiguous.
  const args = [...RG_BASE_ARGS, q.caseSensitive ? '--case-sensitive' : '--ignore-case'];
  if (!q.isRegex) args.push('--fixed-strings');
  if (q.include) args.push('--glob', q.include);
  for (const g of options.exclude ?? []) args.push('--glob', `!${g}`);
  args.push('--', q.query, '.');
  return new Promise((resolve, reject) => {
    const child = spawn(rgPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    const out: TextMatch[] = [];
    let buffer = '';
    let stderr = '';
    let full = false;
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      buffer += data;
      let nl = buffer.indexOf('\n');
      while (nl !== -1 && !full) {
        const match = parseLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (match) out.push(match);
        if (out.length > q.maxResults) {
          full = true;
          child.kill();
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', (e) => (full ? resolve(out) : reject(e)));
    // rg exits 1 when nothing matched and 2 on partial errors (an unreadable file): both still carry results.
    child.on('close', (code) => (full || code === 0 || code === 1 || (code === 2 && out.length > 0)
      ? resolve(out) : reject(new Error(stderr.trim().split('\n')[0] || `ripgrep exited with ${String(code)}`))));
  });
}

/** `./src/a.ts\x0012:text` -> a match. */
function parseLine(line: string): TextMatch | undefined {
  const nul = line.indexOf('\0');
  const colon = nul === -1 ? -1 : line.indexOf(':', nul);
  if (colon === -1) return undefined;
  const lineNumber = Number(line.slice(nul + 1, colon));
  if (!Number.isInteger(lineNumber)) return undefined;
  const rel = line.slice(0, nul).replace(/^\.[\\/]/, '').split(path.sep).join('/');
  return { rel, line: lineNumber, text: line.slice(colon + 1).replace(/\r$/, '') };
}
