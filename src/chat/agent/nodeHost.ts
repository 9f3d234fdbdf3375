// AgentHost on plain Node, for tests and benches (the editor's is src/host/agent/editorAgentHost.ts):
// search through a given ripgrep (or the walker when none), find files by walking, commands as child
// processes in a shell, problems from a fixed list.
import { spawn } from 'node:child_process';
import { minimatch } from 'minimatch';
import { nodeFs } from './nodeFs';
import { searchWithRipgrep } from './ripgrep';
import type { AgentHost, Problem } from './toolExecutor';
import { walkFiles } from './workspaceWalker';

export function nodeAgentHost(root: string, options: { rgPath?: string; problems?: Problem[] } = {}): AgentHost {
  return {
    searchText: async (r, q, signal) => (options.rgPath ? searchWithRipgrep(options.rgPath, r.path, q, { signal }) : undefined),
    async findFiles(pattern, max, signal) {
      const out: string[] = [];
      for await (const f of walkFiles(nodeFs, root, { signal })) {
        if (minimatch(f.rel, pattern, { dot: true, matchBase: !pattern.includes('/') })) out.push(f.abs);
        if (out.length >= max) break;
      }
      return out;
    },
    problems: async (abs) => (options.problems ?? []).filter((p) => abs === undefined || p.abs === abs),
    runCommand: (command, cwd, timeoutMs, signal) => new Promise((resolve) => {
      const child = spawn(command, { cwd, shell: true, signal });
      let output = '';
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; child.kill(); }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
      child.on('error', () => undefined);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code ?? undefined, output, timedOut });
      });
    }),
  };
}
