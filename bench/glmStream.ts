// Streaming throughput of the GLM service vs a bare fetch + eventsource-parser loop, side by side in one run
// over loopback. A local server streams a 10 MB SSE body of realistic chat.completion.chunk events from
// memory; both consumers parse every event's JSON and collect the answer text. The two alternate several
// times and the medians are reported, with the ratio (target >= 0.8) and the per-event overhead.
// Run alone: npx tsx bench/glmStream.ts

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import { GlmClient } from '../src/glm/glmClient';

const TARGET_BYTES = 10 * 1024 * 1024;
const ROUNDS = 9;
const WRITE_SIZE = 16 * 1024;

const WORDS = ['The', ' function', ' returns', ' a', ' new', ' array', '.', '\n\n```ts\n', 'const', ' x', ' =', ' 42', ';\n```',
  ' 你好', '，', '世界', ' — ', 'naïve', ' café', ' 🚀', ' streaming', ' tokens', ' quickly', ' and', ' safely', '.\n'];

/** A gateway-shaped stream (seed format: Python-style spaces after separators) of about TARGET_BYTES. */
export function buildBody(): { body: Buffer; events: number; text: string } {
  const parts: string[] = [];
  const answer: string[] = [];
  let size = 0;
  let i = 0;
  const head = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'msg_2026042622521271f765bbc3734ce1', object: 'chat.completion.chunk', created: 1777215133, model: 'glm-4.7', choices: [{ delta, finish_reason: finish, index: 0 }], usage: null })}\n\n`;
  parts.push(head({ content: '', role: 'assistant' }, null));
  while (size < TARGET_BYTES) {
    const content = WORDS[i % WORDS.length] + (i % 7 === 0 ? WORDS[(i * 3) % WORDS.length] : '');
    answer.push(content);
    const event = head({ content }, null);
    parts.push(event);
    size += Buffer.byteLength(event);
    i++;
  }
  parts.push(head({}, 'stop'));
  parts.push(`data: ${JSON.stringify({ id: 'msg_x', object: 'chat.completion.chunk', created: 1777215133, model: 'glm-4.7', choices: [], usage: { prompt_tokens: 1420, completion_tokens: i, total_tokens: 1420 + i } })}\n\n`);
  parts.push('data: [DONE]\n\n');
  return { body: Buffer.from(parts.join(''), 'utf8'), events: parts.length - 1, text: answer.join('') };
}

export async function startServer(body: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    for await (const _ of req) {
      // drain the request body
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (let off = 0; off < body.length; off += WRITE_SIZE) {
      if (!res.write(body.subarray(off, off + WRITE_SIZE))) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  };
  const server = http.createServer({ noDelay: true }, (req, res) => void serve(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/glm`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const REQUEST = { model: 'glm-4.7', messages: [{ role: 'user' as const, content: 'bench' }] };

/** The baseline: what any client minimally does with an SSE body. */
export async function bareLoop(url: string): Promise<{ chars: number; events: number }> {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ ...REQUEST, stream: true }),
  });
  let chars = 0;
  let events = 0;
  let done = false;
  const parser = createParser({
    onEvent: (ev) => {
      events++;
      if (ev.data === '[DONE]') {
        done = true;
        return;
      }
      const chunk = JSON.parse(ev.data);
      const content = chunk.choices?.[0]?.delta?.content;
      if (typeof content === 'string') chars += content.length;
    },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  while (!done) {
    const { done: end, value } = await reader.read();
    if (end) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  return { chars, events };
}

export async function serviceLoop(client: GlmClient): Promise<{ chars: number; events: number }> {
  let chars = 0;
  let events = 0;
  for await (const ev of client.stream(REQUEST)) {
    events++;
    if (ev.type === 'content') chars += ev.text.length;
  }
  return { chars, events };
}

interface Sample {
  wallMs: number;
  /** CPU time of this process (client and the in-process server alike): steadier than wall time on a busy machine. */
  cpuMs: number;
}

async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchGlmStream(): Promise<void> {
  const { body, events, text } = buildBody();
  const server = await startServer(body);
  const client = new GlmClient({ baseUrl: server.url, presetId: 'local', getToken: () => 'bench', maxRetries: 0 });
  try {
    // Warm up both paths (JIT, connection pool) and check that they read the same answer.
    let typedEvents = 0;
    for (let i = 0; i < 2; i++) {
      const [bare, service] = [await bareLoop(server.url), await serviceLoop(client)];
      typedEvents = service.events;
      if (bare.chars !== text.length || service.chars !== text.length) {
        throw new Error(`answers differ: expected ${text.length} chars, bare ${bare.chars}, service ${service.chars}`);
      }
    }
    const bare: Sample[] = [];
    const service: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither always runs first; each round is a pair measured back to back.
      if (round % 2 === 0) {
        bare.push(await measure(() => bareLoop(server.url)));
        service.push(await measure(() => serviceLoop(client)));
      } else {
        service.push(await measure(() => serviceLoop(client)));
        bare.push(await measure(() => bareLoop(server.url)));
      }
    }
    const mb = body.length / (1024 * 1024);
    const bWall = median(bare.map((x) => x.wallMs));
    const sWall = median(service.map((x) => x.wallMs));
    const bCpu = median(bare.map((x) => x.cpuMs));
    const sCpu = median(service.map((x) => x.cpuMs));
    // Median of the per-round ratios: both runs of a pair saw about the same machine load.
    const wallRatio = median(bare.map((x, i) => x.wallMs / service[i].wallMs));
    const cpuRatio = median(bare.map((x, i) => x.cpuMs / service[i].cpuMs));
    const f = (x: number, d = 1) => x.toFixed(d);
    const line = (name: string, wall: number, cpu: number) =>
      `  ${name} ${f(mb / (wall / 1000))} MB/s, ${f(events / (wall / 1000), 0)} events/s (wall ${f(wall)} ms, cpu ${f(cpu)} ms)`;
    console.log(`GLM stream benchmark: ${f(mb, 2)} MB over loopback, ${events} SSE events, ${ROUNDS} alternating rounds, medians`);
    console.log(line('bare fetch + eventsource-parser:', bWall, bCpu));
    console.log(line('GlmClient.stream:               ', sWall, sCpu));
    console.log(`  typed events delivered per run: ${typedEvents} (text deltas that arrive in one network read are merged)`);
    console.log(`  ratio service/bare (throughput): ${f(wallRatio, 2)} wall, ${f(cpuRatio, 2)} cpu (target >= 0.80) ${wallRatio >= 0.8 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`  per-event overhead: ${f(((sWall - bWall) * 1000) / events, 2)} µs wall, ${f(((sCpu - bCpu) * 1000) / events, 2)} µs cpu`);
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  benchGlmStream().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
