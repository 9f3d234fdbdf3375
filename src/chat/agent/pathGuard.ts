// Where the agent may go: only inside the workspace folders, never inside `.git/`, never into a file matching
// `glm.agent.protectedFiles`. Every tool resolves its paths here first, and a refused path becomes a tool
// error that tells the model why, so it does not retry the same path.

import * as path from 'node:path';
import { Minimatch } from 'minimatch';

export interface WorkspaceRoot {
  /** The folder's name as VS Code shows it; a path may start with it in a multi-root workspace. */
  name: string;
  /** Absolute file-system path. */
  path: string;
}

export type GuardedPath =
  | { ok: true; abs: string; /** Relative to its root, forward slashes; '' for the root itself. */ rel: string; root: WorkspaceRoot }
  | { ok: false; error: string };

export class PathGuard {
  private readonly matchers: Array<{ pattern: string; test(rel: string): boolean }>;

  constructor(
    readonly roots: readonly WorkspaceRoot[],
    protectedPatterns: readonly string[] = [],
    private readonly pathApi: path.PlatformPath = path,
  ) {
    this.matchers = protectedPatterns.map((p) => p.trim()).filter(Boolean).map(protectedMatcher);
  }

  resolve(input: string): GuardedPath {
    const p = this.pathApi;
    if (this.roots.length === 0) return { ok: false, error: 'No workspace folder is open, so no file can be used.' };
    const given = input.trim().replace(/^["']|["']$/g, '');
    if (given === '' || given.includes('\0')) return { ok: false, error: 'The path is empty.' };
    const { root, abs } = this.locate(given);
    const rel = p.relative(root.path, abs);
    if (rel.startsWith('..') || p.isAbsolute(rel)) {
      return { ok: false, error: `"${given}" is outside the workspace folder(s) (${this.roots.map((r) => r.name).join(', ')}); use a path inside the workspace.` };
    }
    const posix = rel.split(p.sep).join('/');
    if (posix.split('/').includes('.git')) {
      return { ok: false, error: `"${given}" is inside .git/, which the agent may not read or change; use git commands through run_command instead.` };
    }
    const hit = this.matchers.find((m) => m.test(posix));
    if (hit !== undefined) {
      return { ok: false, error: `"${given}" is protected by the setting glm.agent.protectedFiles ("${hit.pattern}"); the agent may not use it. Ask the user if you need it.` };
    }
    return { ok: true, abs, rel: posix, root };
  }

  /** Workspace-relative display path of an absolute path inside a root (with the root's name when several). */
  display(abs: string): string {
    const p = this.pathApi;
    for (const root of this.roots) {
      const rel = p.relative(root.path, abs);
      if (!rel.startsWith('..') && !p.isAbsolute(rel)) {
        const posix = rel.split(p.sep).join('/') || '.';
        return this.roots.length > 1 ? `${root.name}/${posix}` : posix;
      }
    }
    return abs;
  }

  private locate(given: string): { root: WorkspaceRoot; abs: string } {
    const p = this.pathApi;
    const normalized = given.replace(/\\/g, p.sep === '\\' ? '\\' : '/');
    if (p.isAbsolute(normalized)) {
      const abs = p.resolve(normalized);
      const root = this.roots.find((r) => !p.relative(r.path, abs).startsWith('..')) ?? this.roots[0];
      return { root, abs };
    }
    // Multi-root: "<folder name>/rest" picks that folder.
    const first = normalized.split(/[\\/]/)[0];
    const named = this.roots.length > 1 ? this.roots.find((r) => r.name === first) : undefined;
    if (named) return { root: named, abs: p.resolve(named.path, normalized.slice(first.length + 1) || '.') };
    return { root: this.roots[0], abs: p.resolve(this.roots[0].path, normalized) };
  }
}

/** A pattern without a slash matches the name at any depth (`.env`), as in .gitignore; a folder pattern its contents. */
function protectedMatcher(pattern: string): { pattern: string; test(rel: string): boolean } {
  const exact = new Minimatch(pattern, { dot: true, matchBase: !pattern.includes('/') });
  const inside = new Minimatch(`${pattern.replace(/\/$/, '')}/**`, { dot: true });
  return { pattern, test: (rel) => exact.match(rel) || inside.match(rel) };
}
