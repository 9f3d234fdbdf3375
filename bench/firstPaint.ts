// The chat's first paint in a bench page (headless Chromium): the production webview bundle with the chat's
// CSS, and a stand-in for the host that answers `webview/ready` with the `init/state` of a 20-turn chat at
// once. Measured from navigation start to the first frame after the composer is in the DOM (the first
// paint: the chat input, which must not wait for history or highlight.js), and to the first frame after
// the last turn is too (history shown), for each bundle given (today and a baseline), alternating, median
// of SAMPLES page loads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { uiStringsEn, type InitState, type TurnView } from '../src/shared/protocol';
import { median, ROOT } from './baselineCheckout';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SAMPLES = Number(process.env.FIRST_PAINT_SAMPLES ?? 5);

function initState(): InitState {
  const turns: TurnView[] = [];
  for (let i = 0; i < 10; i++) {
    turns.push({ role: 'user', id: `u${i}`, text: `Question ${i}: how do I read a file in Python?`, chips: [], createdAt: i });
    turns.push({ role: 'assistant', id: `a${i}`, status: 'done', model: 'glm-4.7', createdAt: i,
      text: `## Reading a file\n\nUse \`open\` in a \`with\` block:\n\n\`\`\`python\nwith open("data.txt") as f:\n    for line in f:\n        print(line.rstrip())\n\`\`\`\n\n- closes the file\n- streams lines\n` });
  }
  return {
    chats: [{ id: 'c1', title: 'Files in Python', updatedAt: 1, turnCount: 20 }],
    chat: { id: 'c1', title: 'Files in Python', turns, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 900 }, model: 'glm-4.7', thinking: 'auto' },
    models: [{ id: 'glm-4.7', label: 'glm-4.7', contextWindow: 200_000 }],
    selectedModel: 'glm-4.7', strings: uiStringsEn, settings: { hasToken: true, preset: 'local', fallbackModels: [] }, chips: [], lastPrompts: [],
  };
}

/** The page: the host stand-in first (acquireVsCodeApi), then the bundle, as the real page loads it. */
function pageHtml(bundle: string): string {
  const host = `
    window.acquireVsCodeApi = () => ({ postMessage(m) {
      if (m && m.type === 'webview/ready') window.postMessage({ type: 'init/state', state: ${JSON.stringify(initState())} }, '*');
    } });
    const watch = (done, key) => {
      const check = () => done() ? requestAnimationFrame(() => { window[key] = performance.now(); }) : requestAnimationFrame(check);
      requestAnimationFrame(check);
    };
    watch(() => document.querySelector('.prompt'), 'composerPaint');
    watch(() => document.querySelector('.prompt') && document.querySelector('[data-turn-id="a9"]'), 'historyPaint');`;
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="file://${path.join(ROOT, 'media/chat.css')}">
<script>${host}</script></head><body><script src="file://${bundle}"></script></body></html>`;
}

export interface Paints { composer: number; history: number }

/** Median first paint and history paint (ms) per bundle, in the order given. */
export async function firstPaints(bundles: string[]): Promise<Paints[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'glm-first-paint-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  try {
    const pages = bundles.map((bundle, i) => {
      const file = path.join(dir, `page${i}.html`);
      writeFileSync(file, pageHtml(bundle));
      return file;
    });
    const samples = bundles.map((): Paints[] => []);
    for (let s = 0; s < SAMPLES; s++) {
      for (const [i, file] of pages.entries()) {
        const page = await browser.newPage({ viewport: { width: 400, height: 900 } });
        await page.goto(`file://${file}`);
        await page.waitForFunction('window.historyPaint !== undefined && window.composerPaint !== undefined', undefined, { timeout: 30_000 });
        samples[i].push((await page.evaluate('({ composer: window.composerPaint, history: window.historyPaint })')) as Paints);
        await page.close();
      }
    }
    return samples.map((s) => ({ composer: median(s.map((p) => p.composer)), history: median(s.map((p) => p.history)) }));
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
