// Rendering benchmark in headless Chromium: a 50 KB answer with 20 code blocks streamed in 2000 chunks,
// our incremental renderer vs re-rendering the whole message every chunk, side by side in one run; the
// chunk-to-paint latency with frame coalescing; and the time to reopen a 500-turn chat.
// Run alone: npx tsx bench/render.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

interface Result {
  bytes: number; blocks: number; chunks: number; same: boolean; naiveEvery: number;
  naiveTotal: number; oursTotal: number; plainTotal: number; plainLast: number; naiveLast: number; oursLast: number; oursMax: number;
  stream: { frames: number; work: number; perChunkLast: number; p50: number; p95: number; max: number;
    domP50: number; domP95: number; nextFrameShare: number; frameMs: number };
  reopen: { ms: number; rendered: number; nodes: number };
}

export async function benchRender(): Promise<void> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/renderPage.ts')], bundle: true, write: false, format: 'iife',
    platform: 'browser', target: 'es2022', minify: true, logLevel: 'warning',
  });
  const css = fs.readFileSync(path.join(ROOT, 'media/chat.css'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body></body></html>`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const r = (await page.evaluate('window.renderBench.run()')) as Result;
    const f = (ms: number) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
    const ratio = r.naiveTotal / r.oursTotal;
    console.log(`\nrender: ${(r.bytes / 1024).toFixed(1)} KB answer, ${r.blocks} code blocks, ${r.chunks} chunks (Chromium ${browser.version()})`);
    console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (timings scale with it)`);
    console.log(`  every chunk rendered   naive (full re-render; every ${r.naiveEvery}th chunk timed, x${r.naiveEvery}) ${f(r.naiveTotal)}   ours ${f(r.oursTotal)}   ratio ours/naive 1/${ratio.toFixed(1)} (target <= 1/20) ${ratio >= 20 ? 'OK' : 'MISS'}`);
    console.log(`  plainest naive (one marked.parse + one DOMPurify call per chunk) ${f(r.plainTotal)}, at 50 KB ${f(r.plainLast)} per chunk: ours is 1/${(r.plainTotal / r.oursTotal).toFixed(1)} of it`);
    console.log(`  cost of one chunk at 50 KB, rendered alone (last 200)   naive ${f(r.naiveLast)}   ours ${f(r.oursLast)}   ours max ${f(r.oursMax)}`);
    console.log(`  final DOM identical to a full render: ${r.same ? 'yes' : 'NO'}`);
    const s = r.stream;
    console.log(`  streamed (4 chunks / 4 ms) with one render per frame: ${s.frames} frames, render work ${f(s.work)} = 1/${(r.naiveTotal / s.work).toFixed(0)} of naive`);
    console.log(`  mean cost per chunk at 50 KB (last 10%): ${f(s.perChunkLast)} (target < 1 ms) ${s.perChunkLast < 1 ? 'OK' : 'MISS'}`);
    const next = (s.nextFrameShare * 100).toFixed(1);
    console.log(`  chunks shown by the first frame after they arrived: ${next}% (target 100%) ${s.nextFrameShare === 1 ? 'OK' : 'MISS'}; frame interval ${f(s.frameMs)}`);
    console.log(`  chunk arrival -> DOM updated in that frame: p50 ${f(s.domP50)}  p95 ${f(s.domP95)} (within one frame: ${s.domP95 <= s.frameMs ? 'OK' : 'MISS'})`);
    console.log(`  chunk arrival -> frame painted: p50 ${f(s.p50)}  p95 ${f(s.p95)}  max ${f(s.max)}`);
    console.log(`  reopen a 500-turn chat: ${f(r.reopen.ms)} to first paint (${r.reopen.rendered} code blocks rendered eagerly, ${r.reopen.nodes} elements)`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  benchRender().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
