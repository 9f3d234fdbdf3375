// `npm run bench host-stream`: extension-host CPU for one 200 KB answer streamed at model pace (the mock
// sends one delta per millisecond tick, so nearly every SSE event is its own network read, as with a real
// model), for today's host code and for the code before the streaming fixes, side by side in one run.
// The baseline is checked out from git (BASELINE_REF) into a temp dir at bench time. A bare fetch read
// loop over the same stream gives the floor: what any HTTP client in the host pays for the reads alone.
// Each variant runs in its own process (bench/hostStreamRun.ts); the mock runs in another.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { checkoutBaseline, median, ROOT } from './baselineCheckout';

/** The commit before the host streaming work (1 KB fsync'd appends, a post every 24 ms). */
const BASELINE_REF = '68c5790';
const BYTES = Number(process.env.HOST_STREAM_BYTES ?? 204_800);
const ROUNDS = Number(process.env.HOST_STREAM_ROUNDS ?? 1);
const SCENARIO = `long-answer bytes=${BYTES} tps=1000`;

interface Figures { cpuMs: number; wallMs: number; posts: number; deltaPosts: number; events: number; chars: number }

async function startMock(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/mock.js'), '--port', '0', '--tps', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', () => reject(new Error(`mock exited: ${out}`)));
  });
  return { url, proc };
}

function runOnce(src: string, url: string): Figures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/hostStreamRun.ts'), src, url, SCENARIO], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Figures;
}

export async function benchHostStream(): Promise<void> {
  console.log(`\nhost-stream: ${BYTES / 1024} KB answer at model pace (one delta per read), host CPU, median of ${ROUNDS}`);
  const { url, proc } = await startMock();
  const baseline = checkoutBaseline(BASELINE_REF, ['src']);
  try {
    const variants: [string, string][] = [['bare fetch loop (floor)', 'bare'], ...(baseline ? [[`before (${BASELINE_REF})`, path.join(baseline.dir, 'src')] as [string, string]] : []), ['now', path.join(ROOT, 'src')]];
    const runs = new Map<string, Figures[]>(variants.map(([name]) => [name, []]));
    for (let r = 0; r < ROUNDS; r++) for (const [name, src] of variants) runs.get(name)!.push(runOnce(src, url));
    const rows = variants.map(([name]) => {
      const f = runs.get(name)!;
      const pick = (k: keyof Figures) => median(f.map((x) => x[k]));
      return { name, cpuMs: pick('cpuMs'), wallMs: pick('wallMs'), deltaPosts: pick('deltaPosts'), events: pick('events'), chars: pick('chars') };
    });
    const floor = rows[0].cpuMs;
    console.log('  variant                    CPU ms   wall s  model deltas  delta msgs  ms/model delta  ms/delta msg  above floor/msg');
    for (const r of rows) {
      const perMsg = r.deltaPosts ? (r.cpuMs / r.deltaPosts).toFixed(2) : '-';
      const above = r.deltaPosts ? ((r.cpuMs - floor) / r.deltaPosts).toFixed(2) : '-';
      console.log(`  ${r.name.padEnd(25)} ${r.cpuMs.toFixed(0).padStart(7)} ${(r.wallMs / 1000).toFixed(1).padStart(8)} ${String(r.events).padStart(13)} ${String(r.deltaPosts || '-').padStart(11)} ${(r.cpuMs / r.events).toFixed(3).padStart(15)} ${perMsg.padStart(13)} ${above.padStart(16)}`);
    }
    const before = rows.find((r) => r.name.startsWith('before'));
    const now = rows.at(-1)!;
    if (before) {
      console.log(`  now/before: CPU ${(now.cpuMs / before.cpuMs).toFixed(2)}x; above the floor ${((now.cpuMs - floor) / (before.cpuMs - floor)).toFixed(2)}x`);
    }
    console.log(`  goal: <= 0.3 ms host CPU per delta -> ${(now.cpuMs / now.events).toFixed(3)} ms per model delta ${now.cpuMs / now.events <= 0.3 ? '(met)' : '(NOT met)'}`);
  } finally {
    baseline?.dispose();
    proc.kill();
  }
}

if (require.main === module) void benchHostStream();
