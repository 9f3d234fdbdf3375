// `npm run bench activation`: the cost of activating the extension with its production bundle against a
// fake `vscode` module (bench/activationRun.ts, a fresh plain node process per sample, with the Node modules
// an extension host has already loaded): loading the bundle,
// and activate() itself, today, for the code before the activation work (BASELINE_REF) and for the one
// bundle behind V8's code cache (ONE_BUNDLE_REF), each built from git into a temp dir, side by side in one
// run. VS Code counts both (load + activate) as activation time. Then the first open of the chat view, which
// since features load on first use also loads the chat's code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { checkoutBaseline, median, ROOT } from './baselineCheckout';
import { firstPaints } from './firstPaint';

/** The commit before the activation work. */
const BASELINE_REF = '68c5790';
/** The last commit with one bundle (dist/main.js) behind the code cache, before features loaded on first use. */
const ONE_BUNDLE_REF = '0a85458';
const SAMPLES = Number(process.env.ACTIVATION_SAMPLES ?? 7);
const GOAL_MS = 20;
const PAINT_GOAL_MS = 400;

interface Sample { loadMs: number; activateMs: number; calls: number; chatViewMs: number }

/** Production bundle of `root`'s extension, built with its own esbuild.js (today's into `outdir`, not dist/). */
function buildBundle(root: string, outdir?: string): string {
  execFileSync(process.execPath, ['esbuild.js', '--production', ...(outdir ? [`--outdir=${outdir}`] : [])], { cwd: root, stdio: 'ignore' });
  return path.join(outdir ?? path.join(root, 'dist'), 'extension.js');
}

/** The top-level names of the VS Code API (what `require('vscode')` has as own keys). */
function apiNames(file: string): void {
  const dts = readFileSync(path.join(ROOT, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set([...dts.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]));
  writeFileSync(file, JSON.stringify([...names]));
}

export async function benchActivation(): Promise<void> {
  console.log(`\nactivation: production bundle against a fake vscode module, median of ${SAMPLES} cold processes`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'glm-activation-'));
  const runner = path.join(tmp, 'activationRun.js');
  const names = path.join(tmp, 'names.json');
  buildSync({ entryPoints: [path.join(ROOT, 'bench/activationRun.ts')], bundle: true, platform: 'node', outfile: runner, logLevel: 'warning' });
  apiNames(names);
  const baselines = [BASELINE_REF, ONE_BUNDLE_REF].map((ref) => [ref, checkoutBaseline(ref, ['src', 'esbuild.js', 'package.json', 'tsconfig.json'])] as const);
  try {
    const variants: [string, string][] = [];
    for (const [ref, baseline] of baselines) if (baseline) variants.push([ref === BASELINE_REF ? `before (${ref})` : `one bundle (${ref})`, buildBundle(baseline.dir)]);
    variants.push(['now', buildBundle(ROOT, path.join(tmp, 'now'))]);
    const samples = new Map<string, Sample[]>(variants.map(([name]) => [name, []]));
    for (let i = 0; i < SAMPLES; i++) {
      for (const [name, bundle] of variants) {
        // Each variant its own storage: the code caches of two bundles named main.js would evict each other.
        const out = execFileSync(process.execPath, [runner, bundle, names, path.join(tmp, 'storage', name.replace(/\W+/g, '-'))], { encoding: 'utf8' });
        samples.get(name)!.push(JSON.parse(out.trim().split('\n').at(-1)!) as Sample);
      }
    }
    console.log('  variant              bundle KB   load ms   activate() ms   total ms   API calls   chat view opened ms');
    const totals: number[] = [];
    for (const [name, bundle] of variants) {
      const s = samples.get(name)!;
      const load = median(s.map((x) => x.loadMs));
      const activate = median(s.map((x) => x.activateMs));
      const total = median(s.map((x) => x.loadMs + x.activateMs));
      totals.push(total);
      // Since the code cache the entry loads dist/main.js (inside activate()): both count; the features
      // (dist/features/*.js) load on first use: the chat's with its view.
      const main = path.join(path.dirname(bundle), 'main.js');
      const kb = ((readFileSync(bundle).length + (existsSync(main) ? readFileSync(main).length : 0)) / 1024).toFixed(0);
      const chatView = median(s.map((x) => x.chatViewMs));
      console.log(`  ${name.padEnd(20)} ${kb.padStart(9)} ${load.toFixed(1).padStart(9)} ${activate.toFixed(2).padStart(15)} ${total.toFixed(1).padStart(10)} ${String(s[0].calls).padStart(11)} ${chatView.toFixed(1).padStart(21)}`);
    }
    console.log(`  now/${variants.slice(0, -1).map(([name]) => name).join(', now/')} total: ${totals.slice(0, -1).map((t) => `${(totals.at(-1)! / t).toFixed(2)}x`).join(', ')}`);
    console.log(`  goal: activation <= ${GOAL_MS} ms -> ${totals.at(-1)!.toFixed(1)} ms ${totals.at(-1)! <= GOAL_MS ? '(met)' : '(NOT met)'}`);
    const paints = await firstPaints(variants.map(([, bundle]) => path.join(path.dirname(bundle), 'webview.js')));
    console.log('  chat in the bench page (20-turn chat, production webview bundle, median): first paint (composer) / history shown');
    variants.forEach(([name], i) => console.log(`    ${name.padEnd(20)} ${paints[i].composer.toFixed(0).padStart(6)} ms / ${paints[i].history.toFixed(0).padStart(6)} ms`));
    const paint = paints.at(-1)!.composer;
    console.log(`  goal: first paint <= ${PAINT_GOAL_MS} ms -> ${paint.toFixed(0)} ms ${paint <= PAINT_GOAL_MS ? '(met)' : '(NOT met)'}; now/before ${(paint / paints[0].composer).toFixed(2)}x`);
  } finally {
    for (const [, baseline] of baselines) baseline?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) void benchActivation();
