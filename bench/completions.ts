// Ghost-text cost control, side by side in one run: the completion engine vs a naive provider (a request per
// keystroke, no cache), both replaying the typing of the same 300-line file against their own mock server
// that answers after a fixed model latency with the file's real continuation (70% of the time; the rest is
// a wrong guess, as real models make). A keystroke cancels the previous call, as VS Code does.
// Typing: ~60 ms per character (seeded jitter), Enter brings the indentation (auto-indent), a pause at
// line ends. `--speed=N` compresses all of time N-fold (default 4; 1 = real time, about 12 minutes): the
// engine's clock runs N times faster, so it behaves as in real time, while the added latency is real time.
// Run alone: npm run bench completions [-- --speed=1]
import fs from 'node:fs';
import path from 'node:path';
import { TokenEstimator } from '../src/chat/contextBudget';
import { CompletionEngine, type CompletionInput, type CompletionResult, type EngineEvent } from '../src/editor/completions/completionEngine';
import { GlmClient } from '../src/glm/glmClient';
import { startMockServer, type MockServer } from '../src/mock/server';
import { NaiveProvider } from './completionsNaive';

const MODEL_LATENCY_MS = 300;
const SAMPLE = fs.readFileSync(path.join(__dirname, 'completionsSample.txt'), 'utf8');

interface Provider {
  complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult | undefined>;
}

interface Stats {
  keystrokes: number;
  aborted: number;
  cache: number;
  typing: number;
  errors: number;
  shown: number;
  useful: number;
  /** Real ms a call took beyond its debounce wait and the model's latency (answers from the model). */
  modelOverhead: number[];
  /** Real ms a call took when the cache or typing-through answered. */
  hitLatency: number[];
}

/** Keystrokes that rebuild the text: characters, and Enter carrying the next line's indentation. */
function keystrokes(text: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\n') {
      keys.push(text[i]);
      continue;
    }
    const indent = /^[ \t]*/.exec(text.slice(i + 1))![0];
    keys.push('\n' + indent);
    i += indent.length;
  }
  return keys;
}

/** Deterministic jitter (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

function typingGap(key: string, random: () => number): number {
  if (key.startsWith('\n')) return 450 + random() * 300;
  return 35 + random() * 50 + (random() < 0.03 ? 400 : 0);
}

async function replay(provider: Provider, stats: Stats, speed: number, calls: { waitedMs: number }[]): Promise<void> {
  const random = rng(42);
  const pending: Promise<unknown>[] = [];
  let doc = '';
  let controller: AbortController | undefined;
  for (const key of keystrokes(SAMPLE)) {
    controller?.abort();
    const own = (controller = new AbortController());
    doc += key;
    stats.keystrokes++;
    const call = { waitedMs: 0 };
    calls.push(call);
    const input: CompletionInput = {
      uri: 'file:///bench/historyStore.ts', offset: doc.length, model: 'glm-4.5-air', indent: { useTabs: false, size: 2 },
      doc: { path: 'src/chat/historyStore.ts', languageId: 'typescript', prefix: doc, suffix: '\n' },
      otherDocuments: () => [],
    };
    const started = performance.now();
    const typedSoFar = doc.length;
    pending.push(provider.complete(input, own.signal).then((result) => {
      const took = performance.now() - started;
      if (!result || own.signal.aborted) return;
      stats.shown++;
      if (SAMPLE.slice(typedSoFar).startsWith(result.text)) stats.useful++;
      if (result.source === 'model') stats.modelOverhead.push(took - call.waitedMs - MODEL_LATENCY_MS / speed);
      else stats.hitLatency.push(took);
    }));
    await realSleep(typingGap(key, random) / speed);
  }
  controller?.abort();
  await Promise.all(pending);
}

function countEvents(stats: Stats, calls: { waitedMs: number }[], speed: number): (e: EngineEvent) => void {
  return (e) => {
    if (e.type === 'aborted') stats.aborted++;
    else if (e.type === 'error') stats.errors++;
    else if (e.type === 'hit') stats[e.source]++;
    else if (e.type === 'request') calls[calls.length - 1].waitedMs = e.waitedMs / speed;
  };
}

async function run(kind: 'engine' | 'naive', speed: number): Promise<{ stats: Stats; mock: MockServer }> {
  const mock = await startMockServer({ port: 0, completionOracle: SAMPLE });
  const client = new GlmClient({
    baseUrl: mock.url, presetId: 'local', getToken: () => mock.token, maxRetries: 0,
    extraHeaders: { 'x-mock-scenario': `completion latency=${Math.round(MODEL_LATENCY_MS / speed)} accuracy=0.7` },
  });
  const stats: Stats = { keystrokes: 0, aborted: 0, cache: 0, typing: 0, errors: 0, shown: 0, useful: 0, modelOverhead: [], hitLatency: [] };
  const calls: { waitedMs: number }[] = [];
  const onEvent = countEvents(stats, calls, speed);
  const estimator = new TokenEstimator();
  const provider: Provider = kind === 'naive'
    ? new NaiveProvider(client, estimator, onEvent)
    : new CompletionEngine({
      estimator,
      async *stream(request, signal) {
        for await (const ev of client.stream(request, signal)) if (ev.type === 'content') yield ev.text;
      },
      now: () => performance.now() * speed,
      sleep: (ms, signal) => realSleep(ms / speed, signal),
      onEvent,
    });
  await replay(provider, stats, speed, calls);
  await mock.close();
  return { stats, mock };
}

const pct = (values: number[], p: number): string => {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
};

export async function benchCompletions(): Promise<void> {
  const speedArg = process.argv.find((a) => a.startsWith('--speed='));
  const speed = Math.max(1, Number(speedArg?.split('=')[1] ?? 4) || 4);
  const keys = keystrokes(SAMPLE).length;
  console.log(`\ncompletions: typing a ${SAMPLE.split('\n').length}-line file (${keys} keystrokes, ~60 ms each), model latency ${MODEL_LATENCY_MS} ms, time compressed x${speed}`);
  const [engine, naive] = await Promise.all([run('engine', speed), run('naive', speed)]);
  const row = (label: string, f: (r: { stats: Stats; mock: MockServer }) => string | number): void => {
    console.log(`  ${label.padEnd(44)} ${String(f(engine)).padStart(10)} ${String(f(naive)).padStart(10)}`);
  };
  console.log(`  ${''.padEnd(44)} ${'engine'.padStart(10)} ${'naive'.padStart(10)}`);
  row('requests', (r) => r.mock.requests.length);
  row('requests per 100 keystrokes (goal <= 15)', (r) => ((100 * r.mock.requests.length) / r.stats.keystrokes).toFixed(1));
  row('requests aborted by a keystroke', (r) => r.stats.aborted);
  row('connections closed by the client', (r) => r.mock.requests.filter((q) => q.clientClosed).length);
  row('cache hits', (r) => r.stats.cache);
  row('typing-through hits', (r) => r.stats.typing);
  row('suggestions shown', (r) => r.stats.shown);
  row('  of which the user then typed', (r) => r.stats.useful);
  row('errors', (r) => r.stats.errors);
  row('added latency over the model, p50 ms', (r) => pct(r.stats.modelOverhead, 50));
  row('added latency over the model, p95 ms (goal <= 10)', (r) => pct(r.stats.modelOverhead, 95));
  row('cache/typing-through answer, p50 ms', (r) => pct(r.stats.hitLatency, 50));
  row('cache/typing-through answer, p95 ms', (r) => pct(r.stats.hitLatency, 95));
}
