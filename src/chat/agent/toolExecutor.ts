// The eight workspace tools, on an AgentFs, a PathGuard and the few things only the editor can do (search
// through its ripgrep, find files with its excludes, diagnostics, terminals). A call is first *prepared*
// (paths checked, edits computed, nothing written) so the approval card can show the diff, then *run*.

import type { AgentFs } from './agentFs';
import { readText, writeText } from './agentFs';
import type { AgentToolName, ToolKind } from './agentTools';
import { TOOL_KINDS } from './agentTools';
import { applyEditBlocks, type EditBlock } from './editBlocks';
import type { PathGuard, WorkspaceRoot } from './pathGuard';
import { isBinary, limitLines, pageHeader, pageOf, truncateMiddle } from './textLimits';
import { searchByWalking, type TextMatch, type TextQuery } from './workspaceWalker';

export interface Problem {
  abs: string;
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
}

export interface CommandResult {
  exitCode: number | undefined;
  output: string;
  timedOut: boolean;
}

/** What only the editor can do; `searchText` returns undefined when its ripgrep is not available. */
export interface AgentHost {
  searchText(root: WorkspaceRoot, q: TextQuery, signal?: AbortSignal): Promise<TextMatch[] | undefined>;
  /** Absolute paths of files matching a glob relative to the workspace, excludes applied. */
  findFiles(pattern: string, maxResults: number, signal?: AbortSignal): Promise<string[]>;
  problems(abs?: string): Promise<Problem[]>;
  runCommand(command: string, cwdAbs: string, timeoutMs: number, signal?: AbortSignal): Promise<CommandResult>;
}

export interface FileChange {
  abs: string;
  /** Workspace-relative, for display. */
  rel: string;
  /** Undefined when the file is new. */
  before: string | undefined;
  after: string;
}

export interface PreparedCall {
  tool: AgentToolName;
  kind: ToolKind;
  /** One line for the card: the path, the pattern, the command. */
  title: string;
  change?: FileChange;
  command?: { command: string; cwd: string };
  run(signal?: AbortSignal): Promise<string>;
}

/** Tool results longer than this are cut in the middle with a marker. */
export const MAX_RESULT_CHARS = 24_000;
const DEFAULT_TIMEOUT_S = 120;

type Args = Record<string, unknown>;

export class ToolExecutor {
  constructor(private readonly fs: AgentFs, private readonly guard: PathGuard, private readonly host: AgentHost) {}

  /** Checks and computes everything a call needs; a string is the tool error to send back. */
  async prepare(tool: AgentToolName, args: Args): Promise<PreparedCall | string> {
    const base = { tool, kind: TOOL_KINDS[tool] };
    switch (tool) {
      case 'read_file': return this.withPath(args.path, (p) => ({ ...base, title: p.rel, run: () => this.readFile(p.abs, p.rel, args) }));
      case 'list_directory': return this.withPath(args.path, (p) => ({ ...base, title: p.rel, run: () => this.list(p.abs) }));
      case 'find_files': return { ...base, title: String(args.pattern), run: (s) => this.findFiles(String(args.pattern), num(args.max_results, 200), s) };
      case 'search_text': return { ...base, title: String(args.query), run: (s) => this.search(args, s) };
      case 'get_problems':
        if (args.path === undefined) return { ...base, title: '', run: () => this.problems(undefined) };
        return this.withPath(args.path, (p) => ({ ...base, title: p.rel, run: () => this.problems(p.abs) }));
      case 'edit_file': return this.prepareEdit(args);
      case 'write_file': return this.prepareWrite(args);
      case 'run_command': return this.withPath(args.cwd ?? '.', (p) => {
        const command = String(args.command);
        const timeoutMs = num(args.timeout_seconds, DEFAULT_TIMEOUT_S) * 1000;
        return { ...base, title: command, command: { command, cwd: p.rel }, run: (s) => this.runCommand(command, p.abs, timeoutMs, s) };
      });
    }
  }

  private async withPath<T>(value: unknown, make: (p: { abs: string; rel: string }) => T): Promise<T | string> {
    const p = this.guard.resolve(String(value ?? ''));
    return p.ok ? make({ abs: p.abs, rel: this.guard.display(p.abs) }) : p.error;
  }

  private async readTextFile(abs: string, rel: string): Promise<string> {
    const stat = await this.fs.stat(abs);
    if (!stat) throw new Error(`${rel} does not exist. Use find_files or list_directory to find the right path.`);
    if (stat.type === 'directory') throw new Error(`${rel} is a folder; use list_directory.`);
    const bytes = await this.fs.readFile(abs);
    if (isBinary(bytes)) throw new Error(`${rel} is a binary file and cannot be read as text.`);
    return new TextDecoder().decode(bytes);
  }

  private async readFile(abs: string, rel: string, args: Args): Promise<string> {
    const content = await this.readTextFile(abs, rel);
    if (content === '') return `${rel}: the file is empty.`;
    const page = pageOf(content, num(args.start_line, 1), args.end_line === undefined ? undefined : num(args.end_line, 1));
    if ('error' in page) throw new Error(page.error);
    return `${pageHeader(page, rel)}\n${page.text}`;
  }

  private async list(abs: string): Promise<string> {
    const stat = await this.fs.stat(abs);
    if (stat?.type !== 'directory') throw new Error(`${this.guard.display(abs)} is not a folder.`);
    const entries = (await this.fs.readDirectory(abs))
      .filter(([name]) => name !== '.git')
      .map(([name, type]) => (type === 'directory' ? `${name}/` : name))
      .sort((a, b) => Number(b.endsWith('/')) - Number(a.endsWith('/')) || a.localeCompare(b));
    return entries.length ? limitLines(entries, 500, 'entries') : '(empty folder)';
  }

  private async findFiles(pattern: string, max: number, signal?: AbortSignal): Promise<string> {
    const found = await this.host.findFiles(pattern, max + 1, signal);
    const shown = found.map((abs) => this.guard.display(abs)).filter((rel) => this.guard.resolve(rel).ok);
    if (shown.length === 0) return `No files match ${pattern}.`;
    return limitLines(shown.sort(), max, 'files');
  }

  private async search(args: Args, signal?: AbortSignal): Promise<string> {
    const q: TextQuery = {
      query: String(args.query), isRegex: args.is_regex === true, caseSensitive: args.case_sensitive === true,
      include: typeof args.include === 'string' && args.include ? args.include : undefined, maxResults: num(args.max_results, 100),
    };
    if (q.query === '') throw new Error('query is empty.');
    if (q.isRegex) {
      try {
        new RegExp(q.query);
      } catch (e) {
        throw new Error(`query is not a valid regular expression: ${(e as Error).message}`, { cause: e });
      }
    }
    const lines: string[] = [];
    const allowed = new Map<string, boolean>();
    const isAllowed = (rel: string): boolean => {
      let ok = allowed.get(rel);
      if (ok === undefined) allowed.set(rel, (ok = this.guard.resolve(rel).ok));
      return ok;
    };
    for (const root of this.guard.roots) {
      const matches = (await this.host.searchText(root, q, signal)) ?? (await searchByWalking(this.fs, root.path, q, { signal }));
      const prefix = this.guard.roots.length > 1 ? `${root.name}/` : '';
      for (const m of matches) {
        if (isAllowed(`${prefix}${m.rel}`)) lines.push(`${prefix}${m.rel}:${m.line}: ${clip(m.text.trim(), 200)}`);
      }
    }
    if (lines.length === 0) return `No matches for ${JSON.stringify(q.query)}.`;
    return limitLines(lines, q.maxResults, 'matches');
  }

  private async problems(abs: string | undefined): Promise<string> {
    const list = await this.host.problems(abs);
    if (list.length === 0) return abs ? `No problems in ${this.guard.display(abs)}.` : 'No problems in the workspace.';
    const lines = list.map((p) => `${this.guard.display(p.abs)}:${p.line}: ${p.severity}: ${p.message}${p.source ? ` (${p.source})` : ''}`);
    return limitLines(lines, 200, 'problems');
  }

  private async prepareEdit(args: Args): Promise<PreparedCall | string> {
    const p = this.guard.resolve(String(args.path));
    if (!p.ok) return p.error;
    const rel = this.guard.display(p.abs);
    let before: string;
    try {
      before = await this.readTextFile(p.abs, rel);
    } catch (e) {
      return `${(e as Error).message}${(await this.fs.stat(p.abs)) ? '' : ' To create a file, use write_file.'}`;
    }
    const result = applyEditBlocks(before, args.edits as EditBlock[]);
    if (!result.ok) return result.error;
    if (result.content === before) return 'The edit changes nothing: every "replace" equals its "search".';
    return this.writeCall('edit_file', { abs: p.abs, rel, before, after: result.content });
  }

  private async prepareWrite(args: Args): Promise<PreparedCall | string> {
    const p = this.guard.resolve(String(args.path));
    if (!p.ok) return p.error;
    const rel = this.guard.display(p.abs);
    const stat = await this.fs.stat(p.abs);
    if (stat?.type === 'directory') return `${rel} is a folder; give a file path.`;
    const before = stat ? await readText(this.fs, p.abs) : undefined;
    return this.writeCall('write_file', { abs: p.abs, rel, before, after: String(args.content) });
  }

  private writeCall(tool: 'edit_file' | 'write_file', change: FileChange): PreparedCall {
    return {
      tool, kind: 'edit', title: change.rel, change,
      run: async () => {
        await writeText(this.fs, change.abs, change.after);
        const lines = change.after.split('\n').length;
        return change.before === undefined ? `Created ${change.rel} (${lines} lines).` : `Updated ${change.rel} (${lines} lines now).`;
      },
    };
  }

  private async runCommand(command: string, cwdAbs: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const r = await this.host.runCommand(command, cwdAbs, timeoutMs, signal);
    const status = r.timedOut ? `Timed out after ${Math.round(timeoutMs / 1000)} s and was stopped.`
      : r.exitCode === undefined ? 'Exit code unknown.' : `Exit code ${r.exitCode}.`;
    const output = r.output.trim() ? truncateMiddle(r.output.trimEnd(), MAX_RESULT_CHARS - 200) : '(no output)';
    return `${status}\n${output}`;
  }
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
