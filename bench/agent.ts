// Host cost of agent tool rounds (model time excluded) on a generated workspace of 10,000 files:
// search_text through our executor vs the same ripgrep search run directly (ratio target >= 0.8),
// find_files, and read_file of a 1 MB file vs a bare fs read. Medians of alternating runs.
// Run alone: npx tsx bench/agent.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodeAgentHost } from '../src/chat/agent/nodeHost';
import { nodeFs } from '../src/chat/agent/nodeFs';
import { PathGuard } from '../src/chat/agent/pathGuard';
import { RG_BASE_ARGS, ripgrepCandidates } from '../src/chat/agent/ripgrep';
import { ToolExecutor } from '../src/chat/agent/toolExecutor';
import type { AgentToolName } from '../src/chat/agent/agentTools';

const FILES = 10_000;
const ROUNDS = 7;

function generate(root: string): void {
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, 'src', `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    const lines = Array.from({ length: 40 }, (_, l) => `export function f${i}_${l}(x: number): number { return x * ${l}; }${(i * 40 + l) % 997 === 0 ? ' // FIXME agent' : ''}`);
    writeFileSync(path.join(dir, `file${i}.ts`), `${lines.join('\n')}\n`);
  }
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'bundle.js'), 'FIXME agent\n'.repeat(1000));
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
  writeFileSync(path.join(root, 'big.txt'), Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n'));
}

function findRipgrep(): string | undefined {
  const roots = [process.env.VSCODE_APP_ROOT, path.join(process.env.GLM_TEST_CACHE ?? path.resolve('.test-cache'), 'code-server/node_modules/code-server/lib/vscode')];
  for (const r of roots) {
    const hit = r ? ripgrepCandidates(r).find((p) => existsSync(p)) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

function runRaw(rg: string, cwd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd });
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => { bytes += d.length; });
    child.on('error', reject);
    child.on('close', () => resolve(bytes));
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchAgent(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'glm-agent-bench-'));
  try {
    generate(root);
    const rg = findRipgrep();
    const guard = new PathGuard([{ name: 'bench', path: root }], ['.env']);
    const ex = new ToolExecutor(nodeFs, guard, nodeAgentHost(root, { rgPath: rg }));
    const walkerEx = new ToolExecutor(nodeFs, guard, nodeAgentHost(root));
    const tool = (e: ToolExecutor, name: AgentToolName, args: Record<string, unknown>) => async (): Promise<string> => {
      const p = await e.prepare(name, args);
      if (typeof p === 'string') throw new Error(p);
      return p.run();
    };
    const search = { query: 'FIXME agent', max_results: 1000 };
    const rows: Array<[string, number, number | undefined, string]> = [];
    const t = { ours: [] as number[], raw: [] as number[], find: [] as number[], read: [] as number[], fsRead: [] as number[], walk: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      if (rg) {
        t.ours.push(await time(tool(ex, 'search_text', search)));
        t.raw.push(await time(() => runRaw(rg, root, [...RG_BASE_ARGS, '--ignore-case', '--fixed-strings', '--', search.query, '.'])));
      }
      t.find.push(await time(tool(ex, 'find_files', { pattern: '**/file9*.ts', max_results: 1000 })));
      t.read.push(await time(tool(ex, 'read_file', { path: 'big.txt' })));
      t.fsRead.push(await time(async () => readFileSync(path.join(root, 'big.txt'), 'utf8').split('\n').slice(0, 400).join('\n')));
      if (i < 2) t.walk.push(await time(tool(walkerEx, 'search_text', search)));
    }
    if (rg) rows.push(['search_text (ripgrep)', median(t.ours), median(t.raw), 'vs rg run directly']);
    else console.log('  (no ripgrep found: set GLM_TEST_CACHE or VSCODE_APP_ROOT; search_text ratio skipped)');
    rows.push(['search_text (Node walker fallback)', median(t.walk), rg ? median(t.raw) : undefined, 'vs rg run directly']);
    rows.push(['find_files **/file9*.ts', median(t.find), undefined, '']);
    rows.push(['read_file 1 MB (first page)', median(t.read), median(t.fsRead), 'vs fs.readFile + split']);
    console.log(`\nagent tools on ${FILES.toLocaleString('en-US')} files (median of ${ROUNDS}; ratio = baseline time / ours, target >= 0.8 for search_text)`);
    for (const [name, ours, base, what] of rows) {
      const ratio = base === undefined ? '' : `  ratio ${(base / ours).toFixed(2)} ${what} (${base.toFixed(1)} ms)`;
      console.log(`  ${name.padEnd(36)} ${ours.toFixed(1).padStart(8)} ms${ratio}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchAgent().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
