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

export interface RipgrepOptions {
  /** Globs to leave out (files.exclude, search.exclude), relative to the root. */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** Runs rg in `root`; resolves with at most maxResults + 1 matches (the extra one says "more were cut"). */
export function searchWithRipgrep(rgPath: string, root: string, q: TextQuery, options: RipgrepOptions = {}): Promise<TextMatch[]> {
  // Hidden files are searched (like VS Code's search), .git never; .gitignore counts outside a git repo too.
  const args = ['--json', '--hidden', '--no-require-git', '--glob', '!.git', '--max-columns', '400', '--max-filesize', '4M',
    q.caseSensitive ? '--case-sensitive' : '--ignore-case'];
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

interface RgMatch { type: string; data?: { path?: { text?: string }; lines?: { text?: string }; line_number?: number } }

function parseLine(line: string): TextMatch | undefined {
  if (!line.startsWith('{"type":"match"')) return undefined;
  try {
    const m = JSON.parse(line) as RgMatch;
    const file = m.data?.path?.text;
    if (!file || typeof m.data?.line_number !== 'number') return undefined;
    return { rel: file.replace(/^\.[\\/]/, '').split(path.sep).join('/'), line: m.data.line_number, text: (m.data.lines?.text ?? '').replace(/\r?\n$/, '') };
  } catch {
    return undefined;
  }
}
