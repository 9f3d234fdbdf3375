// Ghost-text cost control, side by side in one run: the completion engine vs a naive provider (a request per
// keystroke, no cache), both replaying the typing of the same 300-line file against their own mock server
// that answers after a fixed model latency with the file's real continuation (70% of the time; the rest is
// a wrong guess, as real models make). A keystroke cancels the previous call, as VS Code does.
// Typing: ~60 ms per character (seeded jitter), Enter brings the indentation (auto-indent), a pause at
// line ends. `--speed=N` compresses all of time N-fold (default 4; 1 = real time, about 12 minutes): the
// engine's clock runs N times faster, so it behaves as in real time, while the added latency is real time.
// Run alone: npm run bench completions [-- --speed=1] [--lines=N]
import fs from 'node:fs';
import path from 'node:path';
import { TokenEstimator } from '../src/chat/contextBudget';
import { CompletionEngine, type CompletionInput, type CompletionResult, type EngineEvent } from '../src/editor/completions/completionEngine';
import { COMPLETION_REQUEST_OPTIONS } from '../src/editor/completions/completionRequest';
import { GlmClient } from '../src/glm/glmClient';
import type { ChatRequest } from '../src/glm/types';
import { startMockServer, type MockServer } from '../src/mock/server';
import { NaiveProvider } from './completionsNaive';

const MODEL_LATENCY_MS = 300;
const linesArg = process.argv.find((a) => a.startsWith('--lines='));
/** `--lines=N` replays only the first N lines (a quick run on a busy machine). */
const SAMPLE = fs.readFileSync(path.join(__dirname, 'completionsSample.txt'), 'utf8')
  .split('\n').slice(0, Number(linesArg?.split('=')[1]) || undefined).join('\n');

interface Provider {
  complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult | undefined>;
}

interface Stats {
  keystrokes: number;
  aborted: number;
  cache: number;
  typing: number;
  requests: number;
  errors: number;
  shown: number;
  useful: number;
  /** Real ms the provider spent before the request and after the answer (answers from the model). */
  providerMs: number[];
  /** Real ms a call took beyond its debounce wait and the model's latency. */
  endToEndMs: number[];
  /** Real ms a call took when the cache or typing-through answered. */
  hitLatency: number[];
}

/**
 * Keystrokes that rebuild the text: characters, Enter carrying the next line's indentation (auto-indent),
 * and now and then a typo fixed at once with Backspace (`null`), which brings back an earlier context.
 */
function keystrokes(text: string, random: () => number): Array<string | null> {
  const keys: Array<string | null> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\n') {
      if (/\w/.test(text[i]) && random() < 0.03) keys.push('q', null);
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

function typingGap(key: string | null, random: () => number): number {
  if (key?.startsWith('\n')) return 450 + random() * 300;
  return 35 + random() * 50 + (random() < 0.03 ? 400 : 0);
}

/** Per call: the debounce wait, and when the request went out and its answer was complete (real ms). */
interface Call {
  started: number;
  waitedMs: number;
  sent?: number;
  received?: number;
}

async function replay(provider: Provider, stats: Stats, speed: number, calls: Call[]): Promise<void> {
  const random = rng(42);
  const pending: Promise<unknown>[] = [];
  let doc = '';
  let controller: AbortController | undefined;
  for (const key of keystrokes(SAMPLE, rng(7))) {
    controller?.abort();
    const own = (controller = new AbortController());
    doc = key === null ? doc.slice(0, -1) : doc + key;
    stats.keystrokes++;
    const call: Call = { started: performance.now(), waitedMs: 0 };
    calls.push(call);
    const input: CompletionInput = {
      uri: 'file:///bench/historyStore.ts', offset: doc.length, model: 'glm-4.5-air', indent: { useTabs: false, size: 2 },
      doc: { path: 'src/chat/historyStore.ts', languageId: 'typescript', prefix: doc, suffix: '\n' },
      otherDocuments: () => [],
    };
    const typed = doc;
    pending.push(provider.complete(input, own.signal).then((result) => {
      const done = performance.now();
      if (!result || own.signal.aborted) return;
      stats.shown++;
      if (SAMPLE.startsWith(typed + result.text)) stats.useful++;
      if (result.source !== 'model') {
        stats.hitLatency.push(done - call.started);
      } else if (call.sent !== undefined && call.received !== undefined) {
        // Prompt building before the request, post-processing after the answer: what the provider adds.
        stats.providerMs.push(call.sent - call.started - call.waitedMs + (done - call.received));
        stats.endToEndMs.push(done - call.started - call.waitedMs - MODEL_LATENCY_MS / speed);
      }
    }));
    await realSleep(typingGap(key, random) / speed);
  }
  controller?.abort();
  await Promise.all(pending);
}

function countEvents(stats: Stats, calls: Call[], speed: number): (e: EngineEvent) => void {
  return (e) => {
    if (e.type === 'aborted') stats.aborted++;
    else if (e.type === 'error') stats.errors++;
    else if (e.type === 'hit') stats[e.source]++;
    else if (e.type === 'request') {
      stats.requests++;
      calls[calls.length - 1].waitedMs = e.waitedMs / speed;
    }
  };
}

async function run(kind: 'engine' | 'naive', speed: number): Promise<{ stats: Stats; mock: MockServer }> {
  const mock = await startMockServer({ port: 0, completionOracle: SAMPLE });
  const client = new GlmClient({
    baseUrl: mock.url, presetId: 'local', getToken: () => mock.token, maxRetries: 0,
    extraHeaders: { 'x-mock-scenario': `completion latency=${Math.round(MODEL_LATENCY_MS / speed)} accuracy=0.7` },
  });
  const stats: Stats = {
    keystrokes: 0, requests: 0, aborted: 0, cache: 0, typing: 0, errors: 0, shown: 0, useful: 0, providerMs: [], endToEndMs: [], hitLatency: [],
  };
  const calls: Call[] = [];
  const onEvent = countEvents(stats, calls, speed);
  const estimator = new TokenEstimator();
  /** The client's stream, timed: when the request goes out and when the answer has been read. */
  async function* stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string> {
    const call = calls[calls.length - 1];
    call.sent = performance.now();
    for await (const ev of client.stream(request, signal, COMPLETION_REQUEST_OPTIONS)) if (ev.type === 'content') yield ev.text;
    call.received = performance.now();
  }
  const provider: Provider = kind === 'naive'
    ? new NaiveProvider(client, estimator, onEvent, calls)
    : new CompletionEngine({
      estimator,
      stream: (request, signal) => timedUntilBreak(stream(request, signal), calls[calls.length - 1]),
      now: () => performance.now() * speed,
      sleep: (ms, signal) => realSleep(ms / speed, signal),
      onEvent,
    });
  await replay(provider, stats, speed, calls);
  await mock.close();
  return { stats, mock };
}

/** The engine stops reading once the completion is complete: that moment counts as "answer received". */
async function* timedUntilBreak(source: AsyncIterable<string>, call: Call): AsyncIterable<string> {
  try {
    yield* source;
  } finally {
    call.received ??= performance.now();
  }
}

const pct = (values: number[], p: number): string => {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
};

export async function benchCompletions(): Promise<void> {
  const speedArg = process.argv.find((a) => a.startsWith('--speed='));
  const speed = Math.max(1, Number(speedArg?.split('=')[1] ?? 5) || 5);
  const keys = keystrokes(SAMPLE, rng(7)).length;
  console.log(`\ncompletions: typing a ${SAMPLE.trimEnd().split('\n').length}-line file (${keys} keystrokes, ~60 ms each), model latency ${MODEL_LATENCY_MS} ms, time compressed x${speed}`);
  // One after the other: the naive provider's load must not slow the engine's figures down (or the reverse).
  const engine = await run('engine', speed);
  const naive = await run('naive', speed);
  console.log(`  ${''.padEnd(52)} ${'engine'.padStart(8)} ${'naive'.padStart(8)}`);
  const row = (label: string, f: (r: { stats: Stats; mock: MockServer }) => string | number): void => {
    console.log(`  ${label.padEnd(52)} ${String(f(engine)).padStart(8)} ${String(f(naive)).padStart(8)}`);
  };
  row('requests', (r) => r.stats.requests);
  row('requests per 100 keystrokes (goal <= 15)', (r) => ((100 * r.stats.requests) / r.stats.keystrokes).toFixed(1));
  row('requests aborted by a keystroke', (r) => r.stats.aborted);
  row('connections the mock saw closed by the client', (r) => r.mock.requests.filter((q) => q.clientClosed).length);
  row('cache hits', (r) => r.stats.cache);
  row('typing-through hits', (r) => r.stats.typing);
  row('suggestions shown', (r) => r.stats.shown);
  row('  of which the user then typed', (r) => r.stats.useful);
  row('errors', (r) => r.stats.errors);
  row('provider-added latency p50 ms (prompt + post-processing)', (r) => pct(r.stats.providerMs, 50));
  row('provider-added latency p95 ms (goal <= 10)', (r) => pct(r.stats.providerMs, 95));
  row('end to end over model latency p50 ms (+ HTTP, mock)', (r) => pct(r.stats.endToEndMs, 50));
  row('end to end over model latency p95 ms', (r) => pct(r.stats.endToEndMs, 95));
  row('cache/typing-through answer p50 ms', (r) => pct(r.stats.hitLatency, 50));
  row('cache/typing-through answer p95 ms', (r) => pct(r.stats.hitLatency, 95));
}
