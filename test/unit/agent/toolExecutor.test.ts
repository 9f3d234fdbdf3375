// Each workspace tool against a temporary folder, through the Node AgentFs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentToolName } from '../../../src/chat/agent/agentTools';
import type { PreparedCall, ToolExecutor } from '../../../src/chat/agent/toolExecutor';
import { executorFor, tempWorkspace } from './fixtures';

async function run(ex: ToolExecutor, tool: AgentToolName, args: Record<string, unknown>): Promise<string> {
  const p = await ex.prepare(tool, args);
  if (typeof p === 'string') return `REFUSED ${p}`;
  return p.run();
}

describe('agent tools on a temporary workspace', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let ex: ToolExecutor;
  beforeEach(() => {
    ws = tempWorkspace({
      'src/app.ts': 'export function app() {\n  // TODO: greet\n  return 1;\n}\n',
      'src/util/math.ts': 'export const add = (a: number, b: number) => a + b; // TODO\n',
      'dist/app.js': 'TODO built\n',
      '.gitignore': 'dist/\n',
      '.env': 'TOKEN=secret\n',
      'big.txt': Array.from({ length: 1200 }, (_, i) => `row ${i + 1}`).join('\n'),
      'bin.dat': 'a\0b',
    });
    ex = executorFor(ws.root, ['.env'], [{ abs: path.join(ws.root, 'src/app.ts'), line: 3, severity: 'error', message: 'Type mismatch', source: 'ts' }]);
  });
  afterEach(() => ws.cleanup());

  it('read_file pages and says which lines of how many it returned', async () => {
    assert.equal(await run(ex, 'read_file', { path: 'src/app.ts' }), 'src/app.ts: lines 1-4 of 4\nexport function app() {\n  // TODO: greet\n  return 1;\n}');
    const first = await run(ex, 'read_file', { path: 'big.txt' });
    assert.match(first, /^big\.txt: lines 1-400 of 1200; continue with start_line 401\nrow 1\n/);
    assert.match(await run(ex, 'read_file', { path: 'big.txt', start_line: 1190 }), /^big\.txt: lines 1190-1200 of 1200\nrow 1190/);
  });

  it('read_file explains a missing file, a folder and a binary file', async () => {
    await assert.rejects(run(ex, 'read_file', { path: 'nope.ts' }), /does not exist\. Use find_files/);
    await assert.rejects(run(ex, 'read_file', { path: 'src' }), /is a folder; use list_directory/);
    await assert.rejects(run(ex, 'read_file', { path: 'bin.dat' }), /binary file/);
  });

  it('list_directory lists folders first with a slash', async () => {
    assert.equal(await run(ex, 'list_directory', { path: 'src' }), 'util/\napp.ts');
    assert.match(await run(ex, 'list_directory', { path: '.' }), /^dist\/\nsrc\/\n\.env\n\.gitignore\nbig\.txt\nbin\.dat$/);
  });

  it('search_text finds matches as path:line and skips ignored and protected files', async () => {
    const out = await run(ex, 'search_text', { query: 'todo' });
    assert.equal(out, 'src/app.ts:2: // TODO: greet\nsrc/util/math.ts:1: export const add = (a: number, b: number) => a + b; // TODO');
    assert.match(await run(ex, 'search_text', { query: 'TOKEN' }), /^No matches/);
    assert.equal(await run(ex, 'search_text', { query: 'app\\(\\)', is_regex: true, include: 'src/**' }), 'src/app.ts:1: export function app() {');
    assert.match(await run(ex, 'search_text', { query: 'row', max_results: 3 }), /^big\.txt:1: row 1\nbig\.txt:2: row 2\nbig\.txt:3: row 3\n\[… 1 more matches not shown/);
    await assert.rejects(run(ex, 'search_text', { query: '(', is_regex: true }), /not a valid regular expression/);
  });

  it('find_files matches globs, leaving out ignored and protected files', async () => {
    assert.equal(await run(ex, 'find_files', { pattern: '**/*.ts' }), 'src/app.ts\nsrc/util/math.ts');
    assert.match(await run(ex, 'find_files', { pattern: '*.js' }), /^No files match/);
    assert.match(await run(ex, 'find_files', { pattern: '.env*' }), /^No files match/);
  });

  it('get_problems reports a file or the workspace', async () => {
    assert.equal(await run(ex, 'get_problems', { path: 'src/app.ts' }), 'src/app.ts:3: error: Type mismatch (ts)');
    assert.equal(await run(ex, 'get_problems', { path: 'src/util/math.ts' }), 'No problems in src/util/math.ts.');
    assert.equal(await run(ex, 'get_problems', {}), 'src/app.ts:3: error: Type mismatch (ts)');
  });

  it('edit_file computes the change before anything is written, then writes it', async () => {
    const p = await ex.prepare('edit_file', { path: 'src/app.ts', edits: [{ search: '  // TODO: greet\n', replace: '  console.log("hi");\n' }] }) as PreparedCall;
    assert.equal(typeof p, 'object');
    assert.equal(p.change?.rel, 'src/app.ts');
    assert.match(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), /TODO/);
    assert.equal(await p.run(), 'Updated src/app.ts (5 lines now).');
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), 'export function app() {\n  console.log("hi");\n  return 1;\n}\n');
  });

  it('edit_file refuses ambiguous, missing and no-op edits with a message to act on', async () => {
    assert.match(await run(ex, 'edit_file', { path: 'src/app.ts', edits: [{ search: 'nothing', replace: 'x' }] }), /^REFUSED The edit: "search" was not found/);
    assert.match(await run(ex, 'edit_file', { path: 'src/app.ts', edits: [{ search: 'return 1;', replace: 'return 1;' }] }), /changes nothing/);
    assert.match(await run(ex, 'edit_file', { path: 'src/new.ts', edits: [{ search: 'a', replace: 'b' }] }), /does not exist.*use write_file/);
  });

  it('write_file creates folders and files, and overwrites with the old content kept for the checkpoint', async () => {
    const created = await ex.prepare('write_file', { path: 'docs/new/readme.md', content: '# Hi\n' }) as PreparedCall;
    assert.equal(created.change?.before, undefined);
    assert.equal(await created.run(), 'Created docs/new/readme.md (2 lines).');
    assert.equal(readFileSync(path.join(ws.root, 'docs/new/readme.md'), 'utf8'), '# Hi\n');
    const over = await ex.prepare('write_file', { path: 'src/util/math.ts', content: 'x\n' }) as PreparedCall;
    assert.match(over.change?.before ?? '', /export const add/);
    assert.match(await run(ex, 'write_file', { path: 'src', content: '' }), /is a folder/);
  });

  it('refuses protected, .git and outside paths for every tool', async () => {
    assert.match(await run(ex, 'read_file', { path: '.env' }), /^REFUSED .*protected/);
    assert.match(await run(ex, 'write_file', { path: '.git/config', content: '' }), /^REFUSED .*inside \.git/);
    assert.match(await run(ex, 'edit_file', { path: '../x.ts', edits: [{ search: 'a', replace: 'b' }] }), /^REFUSED .*outside the workspace/);
    assert.match(await run(ex, 'run_command', { command: 'ls', cwd: '..' }), /^REFUSED .*outside the workspace/);
    assert.equal(existsSync(path.join(ws.root, '.git')), false);
  });

  it('run_command reports the exit code and output, cut in the middle when long', async () => {
    assert.equal(await run(ex, 'run_command', { command: 'echo hello && exit 3', cwd: 'src' }), 'Exit code 3.\nhello');
    const long = await run(ex, 'run_command', { command: 'node -e "for (let i = 0; i < 20000; i++) console.log(\'line \' + i)"' });
    assert.match(long, /^Exit code 0\.\nline 0\n/);
    assert.match(long, /characters cut/);
    assert.match(long, /line 19999$/);
    assert.match(await run(ex, 'run_command', { command: 'sleep 2', timeout_seconds: 1 }), /^Timed out after 1 s/);
  });
});
