// Browser side of `npm run bench chat-scale`, bundled twice by bench/chatScale.ts: against today's
// src/webview and against the webview of the base commit (checked out from git into a temp dir), so both
// run the same scenarios in the same browser. It drives only `App` and protocol messages, which both have.
import DOMPurify from 'dompurify';
import type { FromWebview, InitState, ToWebview, TurnView } from '../src/shared/protocol';
import { uiStringsEn } from '../src/shared/protocol';
import { App } from '../src/webview/app';
import { highlightCode } from '../src/webview/highlight';
import { createMarkdownEngine } from '../src/webview/markdown';
import { createSanitizer } from '../src/webview/sanitize';

const PAGE = 40;
let mounted = 0;
// Today's webview loads highlight.js as a second bundle; here it is at hand from the start (the old path
// has it built in), so both pay for highlighting the same way.
(globalThis as { glmHighlight?: unknown }).glmHighlight = highlightCode;
// Entries arrive after their task, so each is kept with its end: a figure counts only the tasks that ended
// after its scenario started (its own first task included; the test data is built in a task before).
const longTasks: Array<{ end: number; duration: number }> = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ end: e.startTime + e.duration, duration: e.duration }); }).observe({ type: 'longtask', buffered: false });
const longestSince = (t0: number): number => Math.max(0, ...longTasks.filter((t) => t.end > t0).map((t) => t.duration));

const paint = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const idle = (): Promise<void> => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 500 }));

function answerText(i: number, size: number): string {
  let text = `Answer ${i}: here is **how** it works, with \`code\` and a [link](https://example.com/${i}).\n\n`;
  for (let k = 0; text.length < size; k++) {
    text += k % 3 === 0 ? `\`\`\`ts\nfunction f${k}(x: number): number {\n  return x * ${k};\n}\n\`\`\`\n\n`
      : k % 3 === 1 ? `- item ${k} with *emphasis*\n- another item\n\n` : `Paragraph ${k} explains the step in plain words, long enough to wrap on a narrow panel.\n\n`;
  }
  return text;
}

function chatOf(turns: TurnView[], paged: boolean): InitState {
  const older = paged ? Math.max(0, turns.length - PAGE) : 0;
  return {
    chats: [], models: [{ id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 200_000 }], selectedModel: 'glm-4.7',
    strings: uiStringsEn, settings: { hasToken: true, preset: 'local', fallbackModels: [] }, chips: [], lastPrompts: [],
    chat: { id: 'c1', title: 'Bench', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 },
      turns: turns.slice(older), ...(older ? { olderCount: older } : {}) },
  };
}

/**
 * A chat panel that has loaded and gone idle, as the real one is when its chat arrives (it asks for it after
 * its first paint); `load` then hands it the chat. The host's side of paging answers `chat/loadOlder`.
 */
async function panel(turns: TurnView[], paged: boolean): Promise<{ app: App; load: () => void }> {
  const post = (m: FromWebview): void => {
    const msg = m as { type: string; before?: number };
    if (msg.type !== 'chat/loadOlder' || msg.before === undefined) return;
    const start = Math.max(0, msg.before - PAGE);
    setTimeout(() => app.handle({ type: 'chat/page', chatId: 'c1', start, turns: turns.slice(start, msg.before) } as unknown as ToWebview), 0);
  };
  let n = 0;
  const app = new App(createMarkdownEngine(createSanitizer(DOMPurify)), post, () => `r${++n}`);
  document.body.replaceChildren(app.el);
  await paint();
  for (let i = 0; i < 8; i++) await idle();
  return { app, load: () => app.handle({ type: 'init/state', state: chatOf(turns, paged) }) };
}

async function open(count: number, paged: boolean): Promise<Record<string, number>> {
  const turns: TurnView[] = Array.from({ length: count }, (_, i) => (i % 2 === 0
    ? { role: 'user', id: `u${i}`, text: `Question ${i}: how do I do thing ${i}?`, chips: [], createdAt: i }
    : { role: 'assistant', id: `a${i}`, text: answerText(i, 600), status: 'done', model: 'glm-4.7', createdAt: i }));
  const { load } = await panel(turns, paged);
  const t0 = performance.now();
  load();
  mounted = performance.now() - t0;
  const painted = (await paint()) - t0;
  await sleep(300);
  const longest = longestSince(t0);
  const elements = document.querySelectorAll('*').length;
  const scroller = document.querySelector('.scroller')!;
  for (let i = 0; i < 60; i++) { scroller.scrollTop = Math.max(0, scroller.scrollTop - 1500); await paint(); }
  return { painted, mounted, longest, elements, elementsAfterScroll: document.querySelectorAll('*').length };
}

/** A panel with an answer streaming into it: `send` delivers protocol messages to it. */
async function startAnswer(): Promise<(msg: ToWebview) => void> {
  const { app, load } = await panel([], false);
  load();
  const send = (msg: ToWebview): void => app.handle(msg);
  const input = document.querySelector('textarea')!;
  input.value = 'go';
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  send({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'live', model: 'glm-4.7' });
  // The figures are the stream's: the question going up is painted before its first delta.
  await paint();
  return send;
}

const delta = (text: string): ToWebview => ({ type: 'stream/delta', requestId: 'r1', turnId: 'live', kind: 'content', index: 0, text });

/**
 * The paint after which the answer's last block shows `marker` (a frame at a time, 600 at most): its time,
 * and how many frames were painted until then, that one included (1: the first frame after the call).
 */
async function shownAt(marker: string): Promise<{ at: number; frames: number }> {
  const body = (): Element | null => document.querySelector('.turn-assistant:last-of-type .turn-body');
  let at = performance.now();
  let frames = 0;
  while (frames < 600) {
    at = await paint();
    frames++;
    if (body()?.lastElementChild?.textContent?.includes(marker)) break;
  }
  return { at, frames };
}

/**
 * The paint after which the whole answer is in the page: `marker` shows and no preview stands in for text
 * still to render (markdownView.ts shows a backlog's end ahead of its slices). 3,000 frames at most.
 */
async function renderedAt(marker: string): Promise<number> {
  const body = (): Element | null => document.querySelector('.turn-assistant:last-of-type .turn-body');
  let at = performance.now();
  for (let f = 0; f < 3000; f++) {
    at = await paint();
    if (!document.querySelector('.md-preview') && body()?.lastElementChild?.textContent?.includes(marker)) break;
  }
  return at;
}

async function stream(bytes: number, paced: boolean): Promise<Record<string, number>> {
  const send = await startAnswer();
  const marker = 'ENDMARKER';
  const text = `${answerText(0, bytes)}Last words ${marker}\n`;
  const chunk = paced ? Math.ceil(text.length / 600) : 2048;
  const start = performance.now();
  for (let i = 0; i < text.length; i += chunk) {
    send(delta(text.slice(i, i + chunk)));
    if (paced) await sleep(16); else if ((i / chunk) % 64 === 63) await sleep(0);
  }
  const sent = performance.now();
  const shown = await shownAt(marker);
  send({ type: 'stream/end', requestId: 'r1', turnId: 'live', finishReason: 'stop', model: 'glm-4.7', stopped: false });
  const rendered = await renderedAt(marker);
  await sleep(500);
  // The reader stayed at the bottom all along: a view that jumped away renders far less, and looks faster.
  const scroller = document.querySelector('.scroller')!;
  const belowEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  return { seconds: (sent - start) / 1000, longest: longestSince(start), lastChar: shown.at - sent, lastFrames: shown.frames, rendered: rendered - sent, belowEnd, elements: document.querySelectorAll('*').length };
}

let modelSend: ((msg: ToWebview) => void) | undefined;

/** Model pace, first step: the answer's first `bytes` arrive at once and are rendered (not measured). */
async function prefill(bytes: number): Promise<void> {
  modelSend = await startAnswer();
  modelSend(delta(`${answerText(0, bytes)}PREFILLED\n\n`));
  await renderedAt('PREFILLED');
  await sleep(1000);
}

/**
 * Model pace, second step (measured): the answer goes on at `tps` tokens a second, a token (about four
 * characters, as GLM's tokenizer gives for English and code) per delta, for `seconds`: prose with a code
 * block now and then, the last token a marker.
 */
async function modelPace(seconds: number, tps: number): Promise<Record<string, number>> {
  const words = ['the', ' value', ' is', ' read', ' once', ',', ' then', ' cached', ' for', ' later', ' calls', '.'];
  const tokens: string[] = [];
  for (let i = 0; tokens.length < seconds * tps; i++) {
    tokens.push(words[i % words.length]);
    if (i % 60 === 59) tokens.push('\n\n');
    if (i % 240 === 239) tokens.push('```ts\n', 'const', ' x', ' =', ' read', '();', '\n', '```', '\n\n');
  }
  tokens.push(' ENDMARKER');
  const start = performance.now();
  let sent = start;
  for (const [i, token] of tokens.entries()) {
    if (i > 0) await sleep(1000 / tps);
    modelSend!(delta(token));
    sent = performance.now();
  }
  const shown = await shownAt('ENDMARKER');
  return { seconds: (sent - start) / 1000, longest: longestSince(start), lastChar: shown.at - sent, lastFrames: shown.frames, elements: document.querySelectorAll('*').length };
}

(window as unknown as { chatScale: unknown }).chatScale = { open, stream, prefill, modelPace };
