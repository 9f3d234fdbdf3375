// Screenshot harness: the real webview bundle (dist/webview.js) and media/chat.css in headless Chromium
// under dark, light and high-contrast theme variables, fed protocol messages as the host would send them.
// Also clicks a link and a code toolbar button and prints what the webview posted.
// Run: node esbuild.js && npx tsx bench/renderScreens.ts [outDir]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { uiStringsEn, type InitState, type ToWebview } from '../src/shared/protocol';
import { themeCss } from './renderThemes';

const ROOT = path.resolve(__dirname, '..');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const answer = `Here is a debounced search hook. It keeps the **latest** query and cancels stale requests:

\`\`\`ts
export function useDebounced<T>(value: T, ms = 200): T {
  const [state, setState] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setState(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return state;
}
\`\`\`

| option | default | meaning |
|---|---|---|
| \`ms\` | 200 | delay before the value settles |

> Tip: see [the React docs](https://react.dev/reference/react/useEffect) for cleanup rules.

1. Import the hook
2. Wrap the input value`;

const state: InitState = {
  chats: [
    { id: 'c1', title: 'Debounced search hook', updatedAt: Date.now(), turnCount: 4, preview: 'Here is a debounced search hook…' },
    { id: 'c2', title: 'Fix flaky test in parser', updatedAt: Date.now() - 3600e3, turnCount: 6, preview: 'The race comes from…' },
    { id: 'c3', title: 'Explain SSE framing', updatedAt: Date.now() - 86400e3, turnCount: 2 },
  ],
  chat: {
    id: 'c1', title: 'Debounced search hook', model: 'glm-4.7', thinking: 'auto',
    usage: { promptTokens: 5120, completionTokens: 2410, totalTokens: 7530, contextTokens: 61_000 },
    turns: [
      { role: 'user', id: 'u1', text: 'Write a debounced search hook for React.', createdAt: 1,
        chips: [{ kind: 'file', label: 'Search.tsx', estTokens: 812 }], branch: { index: 1, count: 2 } },
      { role: 'assistant', id: 'a1', text: answer, reasoning: 'The user wants a hook. Use **useEffect** with a timer and clear it on change.',
        model: 'glm-4.7', requestedModel: 'glm-5.1', status: 'done', createdAt: 2,
        usage: { promptTokens: 2048, completionTokens: 412, totalTokens: 2460, reasoningTokens: 96 } },
      { role: 'user', id: 'u2', text: 'Now add cancellation with AbortController.', chips: [], createdAt: 3 },
      { role: 'assistant', id: 'a2', text: 'Sure — the request', model: 'glm-4.7', status: 'error', createdAt: 4,
        error: { kind: 'rateLimit', message: 'Too many requests (429). The server asked to wait.', actions: ['retry', 'switchModel'],
          retryAfterMs: 30_000, switchTo: ['glm-4.5-air'], code: 'too_many_requests' } },
    ],
  },
  models: [
    { id: 'glm-5.1', label: 'GLM-5.1', contextWindow: 200_000 }, { id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 200_000 },
    { id: 'glm-4.6', label: 'GLM-4.6', contextWindow: 200_000 }, { id: 'glm-4.5-air', label: 'GLM-4.5-Air', contextWindow: 128_000 },
    { id: 'glm-3-turbo', label: 'GLM-3-Turbo', contextWindow: 128_000 },
  ],
  selectedModel: 'glm-4.7',
  strings: { ...uiStringsEn },
  settings: { hasToken: true, preset: 'acedata', fallbackModels: ['glm-4.7', 'glm-4.5-air'] },
  chips: [
    { id: 'k1', kind: 'selection', label: 'api.ts:12-40', detail: 'src/api.ts', estTokens: 420, preview: 'export async function search(q: string) {\n  …\n}' },
    { id: 'k2', kind: 'problems', label: 'Problems (2)', estTokens: 96, preview: 'api.ts:14 Type string is not assignable…' },
  ],
  lastPrompts: ['Write a debounced search hook for React.'],
};

const streaming: ToWebview[] = [
  { type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a3', model: 'glm-5.1',
    userTurn: { role: 'user', id: 'u3', text: 'And a test for it?', chips: [], createdAt: 5 } },
  { type: 'stream/delta', requestId: 'r1', turnId: 'a3', kind: 'reasoning', index: 0, text: 'Use fake timers so the test is fast…' },
  { type: 'stream/delta', requestId: 'r1', turnId: 'a3', kind: 'content', index: 0, text: 'A test with fake timers:\n\n```ts\nit("settles", () => {\n  vi.useFakeTimers();\n' },
  { type: 'stream/usage', requestId: 'r1', turnId: 'a3', usage: { promptTokens: 3010, completionTokens: 55, totalTokens: 3065 },
    chatUsage: { promptTokens: 8130, completionTokens: 2465, totalTokens: 10_595, contextTokens: 64_000 } },
];

export async function renderScreens(outDir = '/tmp/glm-webview-screens'): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const css = fs.readFileSync(path.join(ROOT, 'media/chat.css'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    for (const theme of ['dark', 'light', 'highContrast']) {
      const page = await browser.newPage({ viewport: { width: 420, height: 1000 } });
      // The harness stands in for VS Code's webview API; the product page has no inline script.
      const fakeApi = 'window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m) });';
      await page.setContent(`<!doctype html><html><head><style>${themeCss(theme)}</style><style>${css}</style>` +
        `<script>${fakeApi}</script></head><body></body></html>`);
      await page.addScriptTag({ path: path.join(ROOT, 'dist/webview.js') });
      const send = (msg: ToWebview) => page.evaluate((m) => window.postMessage(m, '*'), msg);
      await send({ type: 'init/state', state });
      await page.evaluate(() => document.querySelector<HTMLElement>('.thinking')?.setAttribute('open', ''));
      await page.fill('.prompt', 'And a test for it?');
      await page.click('.send');
      const requestId = await page.evaluate(() => {
        const posted = (window as unknown as { posted: Array<{ type: string; requestId?: string }> }).posted;
        return posted.find((m) => m.type === 'chat/send')?.requestId ?? '';
      });
      for (const msg of streaming) await send({ ...msg, requestId } as ToWebview);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(outDir, `chat-${theme}.png`), fullPage: true });
      if (theme === 'dark') {
        await page.evaluate(() => { document.querySelector('.scroller')!.scrollTop = 0; });
        await page.screenshot({ path: path.join(outDir, 'top-dark.png') });
        await page.click('.top-bar .icon-button');   // chats panel
        await send({ type: 'chat/deleted', chatId: 'c3', title: 'Explain SSE framing' });
        await page.screenshot({ path: path.join(outDir, 'chats-dark.png') });
        await page.fill('.search-box', 'hook');
        await page.waitForTimeout(300);
        await send({ type: 'chat/searchResults', query: 'hook', hits: [
          { chatId: 'c1', chatTitle: 'Debounced search hook', turnId: 'a1', snippet: 'Here is a debounced search hook. It keeps', ranges: [[27, 31]] }] });
        await page.screenshot({ path: path.join(outDir, 'search-dark.png') });
        await page.click('.turn-body a');
        await page.click('.turn-body [data-code-action="insert"]');
        const posted = await page.evaluate(() => (window as unknown as { posted: Array<{ type: string }> }).posted.map((m) => JSON.stringify(m).slice(0, 120)));
        console.log(`posted by the webview:\n  ${posted.join('\n  ')}`);
        console.log(`page URL after clicking a link: ${page.url()}`);
      }
      await page.close();
    }
    console.log(`screenshots in ${outDir}`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  renderScreens(process.argv[2]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
