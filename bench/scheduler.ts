// `npm run bench scheduler`: 200 mixed requests (chat turns, agent rounds, ghost-text completions) arriving over
// time against the mock with a Coding Plan concurrency limit of 2, through the real GlmClient and scheduler.
// Prints total time vs the ideal (sum of service times / 2), the p95 wait of interactive requests vs
// completions, stale completions dropped, and requests that reached the server over the limit (goal 0).
// Run alone: npx tsx bench/scheduler.ts

import { GlmClient } from '../src/glm/glmClient';
import { GlmError } from '../src/glm/errors';
import type { RequestPriority } from '../src/glm/scheduler';
import { percentile } from '../src/glm/schedulerLatency';
import { startMockServer } from '../src/mock/server';

const REQUESTS = 200;
const LIMIT = 2;
/** Mean gap between arrivals: busy enough that a queue builds (service times are ~40-120 ms). */
const MEAN_GAP_MS = 100;
const SHAPES: Record<RequestPriority, { share: number; maxTokens: number }> = {
  interactive: { share: 0.25, maxTokens: 160 },
  agent: { share: 0.25, maxTokens: 100 },
  completion: { share: 0.5, maxTokens: 24 },
};

interface Outcome {
  priority: RequestPriority;
  waitMs: number;
  serviceMs: number;
  dropped: boolean;
  failed?: string;
}

/** Deterministic pseudo-random numbers, so every run sends the same mix. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function pickPriority(r: number): RequestPriority {
  if (r < SHAPES.interactive.share) return 'interactive';
  return r < SHAPES.interactive.share + SHAPES.agent.share ? 'agent' : 'completion';
}

async function one(client: GlmClient, priority: RequestPriority, i: number): Promise<Outcome> {
  const submitted = performance.now();
  let sent = submitted;
  const request = { model: 'glm-4.7', messages: [{ role: 'user' as const, content: `request ${i}: explain this function` }], maxTokens: SHAPES[priority].maxTokens, thinking: 'disabled' as const };
  try {
    const options = { priority, onSent: () => (sent = performance.now()) };
    if (priority === 'completion') await client.complete(request, undefined, options);
    else for await (const _ of client.stream(request, undefined, options)) { /* drain */ }
    return { priority, waitMs: sent - submitted, serviceMs: performance.now() - sent, dropped: false };
  } catch (err) {
    const dropped = err instanceof GlmError && err.kind === 'cancelled';
    return { priority, waitMs: sent - submitted, serviceMs: dropped ? 0 : performance.now() - sent, dropped, failed: dropped ? undefined : String(err) };
  }
}

export async function benchScheduler(): Promise<void> {
  const mock = await startMockServer({ maxConcurrent: LIMIT, tokensPerSecond: 4000 });
  const client = new GlmClient({ baseUrl: mock.url, presetId: 'local', getToken: () => mock.token, maxConcurrentRequests: LIMIT });
  const random = seeded(42);
  const started = performance.now();
  const runs: Array<Promise<Outcome>> = [];
  for (let i = 0; i < REQUESTS; i++) {
    runs.push(one(client, pickPriority(random()), i));
    await new Promise((r) => setTimeout(r, -Math.log(1 - random()) * MEAN_GAP_MS));
  }
  const outcomes = await Promise.all(runs);
  const totalMs = performance.now() - started;
  await mock.close();

  const served = outcomes.filter((o) => !o.dropped && !o.failed);
  const idealMs = served.reduce((n, o) => n + o.serviceMs, 0) / LIMIT;
  const p95 = (p: RequestPriority) => percentile(served.filter((o) => o.priority === p).map((o) => o.waitMs).sort((a, b) => a - b), 95);
  const overLimit = mock.requests.filter((r) => (r.concurrent ?? 0) > LIMIT).length;
  const rejected = mock.requests.filter((r) => r.rejected).length;
  const failed = outcomes.filter((o) => o.failed);
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(`\nscheduler: ${REQUESTS} mixed requests (${Object.entries(SHAPES).map(([p, s]) => `${Math.round(s.share * 100)}% ${p}`).join(', ')}), limit ${LIMIT}, mock 1302 above ${LIMIT}`);
  console.log(`  served ${served.length}, stale completions dropped ${outcomes.filter((o) => o.dropped).length}, failed ${failed.length}${failed[0] ? ` (${failed[0].failed})` : ''}`);
  console.log(`  total time           ${f(totalMs)}   ideal (sum of service / ${LIMIT}) ${f(idealMs)}   ratio ${(totalMs / idealMs).toFixed(2)} (arrivals spread over ${f(REQUESTS * MEAN_GAP_MS)}; 1.00 = never idle)`);
  console.log(`  p95 wait interactive ${f(p95('interactive'))}   agent ${f(p95('agent'))}   completion ${f(p95('completion'))}   completion/interactive ${(p95('completion') / Math.max(1, p95('interactive'))).toFixed(1)}x`);
  console.log(`  reached the server over the limit: ${overLimit} (goal 0), 1302 answers: ${rejected}, requests sent: ${mock.requests.length}`);
}

if (require.main === module) {
  benchScheduler().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
