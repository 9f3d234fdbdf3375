// A Node-side walk of a workspace folder that honours .gitignore files (at every depth) and exclude globs:
// the fallback for `search_text` when VS Code's bundled ripgrep is not there, and the file source of tests.

import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import type { AgentFs } from './agentFs';
import { isBinary } from './textLimits';

export interface WalkOptions {
  /** Globs relative to the root that are never entered or listed (e.g. files.exclude). */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** Folders nobody wants searched even without a .gitignore. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export async function* walkFiles(fs: AgentFs, rootAbs: string, options: WalkOptions = {}): AsyncGenerator<{ abs: string; rel: string }> {
  const sep = rootAbs.includes('\\') && !rootAbs.includes('/') ? '\\' : '/';
  const excluded = (rel: string): boolean => (options.exclude ?? []).some((g) => minimatch(rel, g, { dot: true }));
  const stack: Array<{ rel: string; rules: Array<{ base: string; ig: Ignore }> }> = [{ rel: '', rules: [] }];
  while (stack.length > 0) {
    if (options.signal?.aborted) return;
    const dir = stack.pop()!;
    const dirAbs = dir.rel ? `${rootAbs}${sep}${dir.rel.split('/').join(sep)}` : rootAbs;
    let entries: Array<[string, string]>;
    try {
      entries = await fs.readDirectory(dirAbs);
    } catch {
      continue; // unreadable folder: skip it, like ripgrep does
    }
    const rules = [...dir.rules];
    if (entries.some(([n, t]) => n === '.gitignore' && t === 'file')) {
      try {
        const text = new TextDecoder().decode(await fs.readFile(`${dirAbs}${sep}.gitignore`));
        rules.push({ base: dir.rel, ig: ignore().add(text) });
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    const ignored = (rel: string, isDir: boolean): boolean => rules.some(({ base, ig }) => {
      const sub = base ? rel.slice(base.length + 1) : rel;
      return ig.ignores(isDir ? `${sub}/` : sub);
    });
    for (const [name, type] of entries.sort((a, b) => (a[0] < b[0] ? 1 : -1))) {
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      if (type === 'directory') {
        if (!ALWAYS_SKIPPED.has(name) && !excluded(rel) && !ignored(rel, true)) stack.push({ rel, rules });
      } else if (type === 'file' && !excluded(rel) && !ignored(rel, false)) {
        yield { abs: `${dirAbs}${sep}${name}`, rel };
      }
    }
  }
}

export interface TextQuery {
  query: string;
  isRegex?: boolean;
  caseSensitive?: boolean;
  include?: string;
  maxResults: number;
}

export interface TextMatch {
  /** Relative to its root, forward slashes. */
  rel: string;
  line: number;
  text: string;
}

/** Files bigger than this are skipped by the fallback search (ripgrep would read them; the walker is slower). */
const MAX_SEARCH_BYTES = 4 * 1024 * 1024;

export function queryRegExp(q: Pick<TextQuery, 'query' | 'isRegex' | 'caseSensitive'>): RegExp {
  const source = q.isRegex ? q.query : q.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(source, q.caseSensitive ? '' : 'i');
}

export async function searchByWalking(fs: AgentFs, rootAbs: string, q: TextQuery, options: WalkOptions = {}): Promise<TextMatch[]> {
  const re = queryRegExp(q);
  const out: TextMatch[] = [];
  const decoder = new TextDecoder();
  for await (const file of walkFiles(fs, rootAbs, options)) {
    if (q.include && !minimatch(file.rel, q.include, { dot: true, matchBase: !q.include.includes('/') })) continue;
    const stat = await fs.stat(file.abs);
    if (!stat || stat.size > MAX_SEARCH_BYTES) continue;
    const bytes = await fs.readFile(file.abs);
    if (isBinary(bytes)) continue;
    const lines = decoder.decode(bytes).split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!re.test(lines[i])) continue;
      out.push({ rel: file.rel, line: i + 1, text: lines[i] });
      // One past the limit, so the caller can say that more were cut.
      if (out.length > q.maxResults) return out;
    }
  }
  return out;
}

/** .gitignore rules of a root and its sub-folders, read on demand: filters paths found some other way. */
export class GitignoreFilter {
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();

  constructor(private readonly fs: AgentFs, private readonly rootAbs: string) {}

  async ignores(rel: string): Promise<boolean> {
    const parts = rel.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const base = parts.slice(0, depth).join('/');
      const ig = await this.rulesOf(base);
      const sub = parts.slice(depth).join('/');
      if (ig && sub && ig.ignores(sub)) return true;
    }
    return false;
  }

  private rulesOf(base: string): Promise<Ignore | undefined> {
    let p = this.rules.get(base);
    if (!p) {
      const sep = this.rootAbs.includes('\\') && !this.rootAbs.includes('/') ? '\\' : '/';
      const file = [this.rootAbs, ...(base ? base.split('/') : []), '.gitignore'].join(sep);
      p = this.fs.readFile(file).then((b) => ignore().add(new TextDecoder().decode(b)), () => undefined);
      this.rules.set(base, p);
    }
    return p;
  }
}
