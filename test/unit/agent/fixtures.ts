// A temporary workspace folder and the agent's tools on it, through Node's fs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodeAgentHost } from '../../../src/chat/agent/nodeHost';
import { nodeFs } from '../../../src/chat/agent/nodeFs';
import { PathGuard } from '../../../src/chat/agent/pathGuard';
import { ToolExecutor, type Problem } from '../../../src/chat/agent/toolExecutor';

export function tempWorkspace(files: Record<string, string>): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'glm-agent-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function executorFor(root: string, protectedFiles: string[] = ['.env'], problems: Problem[] = []): ToolExecutor {
  return new ToolExecutor(nodeFs, new PathGuard([{ name: 'ws', path: root }], protectedFiles), nodeAgentHost(root, { problems }));
}
