import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AgentHost, Problem } from '../../chat/agent/toolExecutor';
import type { WorkspaceRoot } from '../../chat/agent/pathGuard';
import { ripgrepCandidates, searchWithRipgrep } from '../../chat/agent/ripgrep';
import { GitignoreFilter } from '../../chat/agent/workspaceWalker';
import { vscodeAgentFs } from './vscodeAgentFs';
import type { TerminalRunner } from './terminalRunner';

const SEVERITY: Record<vscode.DiagnosticSeverity, Problem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info', [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** What the agent's tools need from the editor: its ripgrep, its file search, its diagnostics, its terminals. */
export class EditorAgentHost implements AgentHost {
  private rgPath: string | null | undefined;

  constructor(private readonly terminals: TerminalRunner) {}

  async searchText(root: WorkspaceRoot, q: Parameters<AgentHost['searchText']>[1], signal?: AbortSignal): ReturnType<AgentHost['searchText']> {
    const rg = this.ripgrep();
    if (!rg || vscode.Uri.file(root.path).scheme !== 'file') return undefined;
    return searchWithRipgrep(rg, root.path, q, { exclude: excludeGlobs(root.path), signal });
  }

  async findFiles(pattern: string, maxResults: number, signal?: AbortSignal): Promise<string[]> {
    const source = new vscode.CancellationTokenSource();
    signal?.addEventListener('abort', () => source.cancel(), { once: true });
    try {
      const out: string[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        // Undefined exclude applies files.exclude; .gitignore is applied below.
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), undefined, maxResults * 2, source.token);
        const filter = new GitignoreFilter(vscodeAgentFs, folder.uri.fsPath);
        for (const uri of uris) {
          const rel = vscode.workspace.asRelativePath(uri, false);
          if (!(await filter.ignores(rel))) out.push(uri.fsPath);
          if (out.length >= maxResults) return out;
        }
      }
      return out;
    } finally {
      source.dispose();
    }
  }

  async problems(abs?: string): Promise<Problem[]> {
    const entries: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = abs
      ? [[vscode.Uri.file(abs), vscode.languages.getDiagnostics(vscode.Uri.file(abs))]]
      : vscode.languages.getDiagnostics();
    return entries.flatMap(([uri, list]) => list.map((d) => ({
      abs: uri.fsPath, line: d.range.start.line + 1, severity: SEVERITY[d.severity], message: d.message,
      ...(d.source ? { source: d.source } : {}),
    }))).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  }

  runCommand(command: string, cwdAbs: string, timeoutMs: number, signal?: AbortSignal): ReturnType<AgentHost['runCommand']> {
    return this.terminals.run(command, cwdAbs, timeoutMs, signal);
  }

  /** VS Code's own rg, found once; null when this build has none where we look. */
  private ripgrep(): string | undefined {
    if (this.rgPath === undefined) this.rgPath = ripgrepCandidates(vscode.env.appRoot).find((p) => existsSync(p)) ?? null;
    return this.rgPath ?? undefined;
  }
}

/** files.exclude and search.exclude patterns that are switched on, for ripgrep's --glob !pattern. */
function excludeGlobs(rootPath: string): string[] {
  const uri = vscode.Uri.file(rootPath);
  const globs = new Set<string>();
  for (const section of ['files.exclude', 'search.exclude']) {
    const map = vscode.workspace.getConfiguration(undefined, uri).get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(map)) if (on === true) globs.add(glob);
  }
  return [...globs];
}
