// Browser side of the rendering benchmark (bundled by bench/render.ts and run in headless Chromium).
import DOMPurify from 'dompurify';
import type { AssistantTurn, InitState, TurnView, UserTurn } from '../src/shared/protocol';
import { uiStringsEn } from '../src/shared/protocol';
import { App } from '../src/webview/app';
import { decorateCodeBlocks } from '../src/webview/codeToolbar';
import { fragmentFromHtml } from '../src/webview/dom';
import { createMarkdownEngine } from '../src/webview/markdown';
import { MarkdownView, type FrameScheduler } from '../src/webview/markdownView';
import { Marked, type Tokens } from 'marked';
import { highlightCode } from '../src/webview/highlight';
import { createSanitizer, sanitizeConfig } from '../src/webview/sanitize';
import { chunk, makeAnswer } from './renderDocs';

const engine = createMarkdownEngine(createSanitizer(DOMPurify));
/** The plainest full re-render: one marked.parse and one DOMPurify call over the whole message. */
const plainMarked = new Marked({ gfm: true, async: false, renderer: {
  code: ({ text, lang }: Tokens.Code) => `<pre><code>${highlightCode(text, (lang ?? '').split(/\s/)[0]).html}</code></pre>\n`,
} });
const plainRender = (text: string): string => DOMPurify.sanitize(plainMarked.parse(text) as string, sanitizeConfig) as string;

const manual: FrameScheduler = { request: () => 0, cancel: () => undefined };

function container(): HTMLElement {
  const el = document.createElement('div');
  el.className = 'markdown';
  el.style.width = '600px';
  document.body.replaceChildren(el);
  return el;
}

/** The naive cost of a chunk depends only on the text so far: timing every NAIVE_EVERY-th chunk and
 *  scaling keeps the run short without favouring either side. */
const NAIVE_EVERY = 10;

/** Every chunk rendered at once (no frame coalescing): the worst case for our renderer. */
function perChunk(chunks: string[], naive: boolean, render = engine.render): { total: number; costs: number[]; html: string } {
  const root = container();
  const view = new MarkdownView(root, engine, decorateCodeBlocks, manual);
  let text = '';
  const costs: number[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const piece = chunks[i];
    if (naive && i % NAIVE_EVERY !== NAIVE_EVERY - 1) {
      text += piece;
      continue;
    }
    const t0 = performance.now();
    if (naive) {
      text += piece;
      const fragment = fragmentFromHtml(render(text));
      decorateCodeBlocks(fragment);
      root.replaceChildren(fragment);
    } else {
      view.append(piece);
      view.flush();
    }
    void root.offsetHeight;   // include style and layout, as a paint would
    costs.push(performance.now() - t0);
  }
  if (!naive) view.finish();
  const scale = naive ? NAIVE_EVERY : 1;
  return { total: costs.reduce((a, b) => a + b, 0) * scale, costs, html: root.innerHTML };
}

const afterPaint = (): Promise<number> => new Promise((resolve) => {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
});

/** Chunks arriving 4 every 4 ms (a fast model), rendered by animation frames; latency from arrival to paint. */
async function streamed(chunks: string[]): Promise<{ latencies: number[]; toDom: number[]; nextFrame: number; frames: number; work: number; lastWork: number; frameMs: number }> {
  const root = container();
  let frames = 0;
  let work = 0;
  let lastWork = 0;       // work while the last 10% of chunks arrive (answer near 50 KB)
  let delivered = 0;
  const lastFrom = Math.floor(chunks.length * 0.9);
  const frameStamps: number[] = [];
  const pending: number[] = [];
  const pendingFrame: number[] = [];
  const latencies: number[] = [];      // arrival -> after the frame that shows it is painted
  const toDom: number[] = [];          // arrival -> DOM updated in that frame's callback
  let nextFrame = 0;                   // chunks shown by the first frame after they arrived
  let frameNo = 0;                     // an independent frame counter
  let ticking = true;
  const tick = (): void => { frameNo++; if (ticking) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const account = (ms: number): void => { work += ms; if (delivered > lastFrom) lastWork += ms; };
  const view = new MarkdownView(root, engine, decorateCodeBlocks, {
    request: (cb) => requestAnimationFrame(() => {
      const t0 = performance.now();
      cb();
      void root.offsetHeight;   // style and layout belong to the frame's cost
      account(performance.now() - t0);
    }),
    cancel: (h) => cancelAnimationFrame(h),
  }, () => {
    frames++;
    const now = performance.now();
    const arrived = pending.splice(0);
    for (const a of arrived) toDom.push(now - a);
    for (const f of pendingFrame.splice(0)) if (frameNo - f <= 1) nextFrame++;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {   // runs after this frame is painted
      const painted = performance.now();
      frameStamps.push(painted);
      for (const a of arrived) latencies.push(painted - a);
    };
    channel.port2.postMessage(0);
  });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (let k = 0; k < 4 && delivered < chunks.length; k++) {
        const t0 = performance.now();
        pending.push(t0);
        pendingFrame.push(frameNo);
        view.append(chunks[delivered++]);
        account(performance.now() - t0);
      }
      if (delivered >= chunks.length) { clearInterval(timer); resolve(); }
    }, 4);
  });
  await afterPaint();
  await afterPaint();
  ticking = false;
  view.finish();
  const gaps = frameStamps.slice(1).map((t, k) => t - frameStamps[k]).sort((a, b) => a - b);
  return { latencies, toDom, nextFrame, frames, work, lastWork, frameMs: gaps[Math.floor(gaps.length / 2)] ?? 16.7 };
}

function chatOf(turns: number): InitState {
  const list: TurnView[] = [];
  const answer = makeAnswer(1500, 1);
  for (let i = 0; i < turns / 2; i++) {
    const user: UserTurn = { role: 'user', id: `u${i}`, text: `Question ${i}: how do I stream markdown?`, chips: [], createdAt: i };
    const bot: AssistantTurn = { role: 'assistant', id: `a${i}`, text: answer, model: 'glm-4.7', status: 'done', createdAt: i,
      usage: { promptTokens: 1200, completionTokens: 400, totalTokens: 1600 } };
    list.push(user, bot);
  }
  return {
    chats: [{ id: 'c1', title: 'Long chat', updatedAt: 0, turnCount: turns }],
    chat: { id: 'c1', title: 'Long chat', turns: list, model: 'glm-4.7', thinking: 'auto',
      usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, contextTokens: 90_000 } },
    models: [{ id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 200_000 }], selectedModel: 'glm-4.7',
    strings: { ...uiStringsEn }, settings: { hasToken: true, preset: 'acedata', fallbackModels: [] }, chips: [], lastPrompts: [],
  };
}

/** Time from `init/state` with a 500-turn chat to the first paint, in the real panel. */
async function reopen(turns: number): Promise<{ ms: number; rendered: number; nodes: number }> {
  document.body.replaceChildren();
  const app = new App(engine, () => undefined, () => 'r1');
  document.body.append(app.el);
  document.body.style.height = '800px';
  await afterPaint();
  const state = chatOf(turns);
  const t0 = performance.now();
  app.handle({ type: 'init/state', state });
  const painted = await afterPaint();
  return { ms: painted - t0, rendered: document.querySelectorAll('.turn-body pre').length, nodes: document.getElementsByTagName('*').length };
}

async function run(): Promise<unknown> {
  const text = makeAnswer();
  const chunks = chunk(text, 2000);
  const blocks = (text.match(/^```[a-z]/gm) ?? []).length;
  perChunk(chunks.slice(0, 200), false);   // warm up the JIT for both paths
  perChunk(chunks.slice(0, 200), true);
  const naive = perChunk(chunks, true);
  const plain = perChunk(chunks, true, plainRender);
  const ours = perChunk(chunks, false);
  const same = naive.html === ours.html;
  const tailFrom = chunks.length - 200;
  const naiveTailFrom = naive.costs.length - 200 / NAIVE_EVERY;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const stream = await streamed(chunks);
  const pctOf = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  };
  const pct = pctOf(stream.latencies);
  const dom = pctOf(stream.toDom);
  const reopened = await reopen(500);
  return {
    bytes: text.length, blocks, chunks: chunks.length, same, naiveEvery: NAIVE_EVERY,
    naiveTotal: naive.total, oursTotal: ours.total, plainTotal: plain.total, plainLast: mean(plain.costs.slice(naiveTailFrom)),
    naiveLast: mean(naive.costs.slice(naiveTailFrom)), oursLast: mean(ours.costs.slice(tailFrom)),
    oursMax: Math.max(...ours.costs),
    stream: { frames: stream.frames, work: stream.work, perChunkLast: stream.lastWork / (chunks.length - Math.floor(chunks.length * 0.9)), p50: pct(0.5), p95: pct(0.95), max: pct(1),
      domP50: dom(0.5), domP95: dom(0.95), nextFrameShare: stream.nextFrame / chunks.length, frameMs: stream.frameMs },
    reopen: reopened,
  };
}

(window as unknown as { renderBench: { run: typeof run } }).renderBench = { run };
