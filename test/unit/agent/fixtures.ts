// A temporary workspace folder and an AgentHost on Node (walker search, glob find, child_process commands)
// for running the agent's tools outside VS Code.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { nodeFs } from '../../../src/chat/agent/nodeFs';
import { PathGuard } from '../../../src/chat/agent/pathGuard';
import { ToolExecutor, type AgentHost, type Problem } from '../../../src/chat/agent/toolExecutor';
import { walkFiles } from '../../../src/chat/agent/workspaceWalker';

export function tempWorkspace(files: Record<string, string>): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'glm-agent-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function nodeHost(root: string, problems: Problem[] = []): AgentHost {
  return {
    searchText: async () => undefined,
    async findFiles(pattern, max) {
      const out: string[] = [];
      for await (const f of walkFiles(nodeFs, root)) {
        if (minimatch(f.rel, pattern, { dot: true, matchBase: !pattern.includes('/') })) out.push(f.abs);
        if (out.length >= max) break;
      }
      return out;
    },
    problems: async (abs) => problems.filter((p) => abs === undefined || p.abs === abs),
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

export function executorFor(root: string, protectedFiles: string[] = ['.env'], problems: Problem[] = []): ToolExecutor {
  return new ToolExecutor(nodeFs, new PathGuard([{ name: 'ws', path: root }], protectedFiles), nodeHost(root, problems));
}
