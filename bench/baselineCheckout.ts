// The tree of an older commit, checked out into a temp dir at bench time so a benchmark can run today's code
// and the code before a change side by side in one run. node_modules is linked, not copied.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export interface Baseline {
  dir: string;
  dispose(): void;
}

/** `paths` of `ref` under a temp dir, or undefined (with a note) when git cannot provide it (a shallow clone). */
export function checkoutBaseline(ref: string, paths: string[]): Baseline | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'glm-bench-baseline-'));
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', ref, ...paths], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`  (baseline ${ref} not available: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return undefined;
  }
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
