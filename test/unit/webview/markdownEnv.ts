// A markdown engine for node tests: the real DOMPurify bound to a jsdom window.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { FromWebview, InitState } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { createMarkdownEngine, type MarkdownEngine } from '../../../src/webview/markdown';
import { createSanitizer, type Sanitize } from '../../../src/webview/sanitize';

const window = new JSDOM('').window;
export const sanitize: Sanitize = createSanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
// jsdom makes each sanitize call slow; the every-frame tests sanitize the same block thousands of times.
const memo = new Map<string, string>();
const memoSanitize: Sanitize = (html) => {
  let clean = memo.get(html);
  if (clean === undefined) memo.set(html, (clean = sanitize(html)));
  return clean;
};
export const engine: MarkdownEngine = createMarkdownEngine(memoSanitize);
export { window };

const frameCallbacks = new Map<number, FrameRequestCallback>();
let frameHandle = 0;

/** For a describe block: jsdom's document and a frame scheduler that fires only on `runFrames()`, as globals. */
export function useDomGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  before(() => {
    g.document = window.document;
    g.requestAnimationFrame = (callback: FrameRequestCallback) => { frameCallbacks.set(++frameHandle, callback); return frameHandle; };
    g.cancelAnimationFrame = (handle: number) => frameCallbacks.delete(handle);
  });
  after(() => { frameCallbacks.clear(); delete g.document; delete g.requestAnimationFrame; delete g.cancelAnimationFrame; });
}

/** Runs the animation frames requested so far, and those they request, until none is left (history answers render in frames). */
export function runFrames(): void {
  for (let i = 0; i < 10_000 && frameCallbacks.size > 0; i++) {
    const callbacks = [...frameCallbacks.values()];
    frameCallbacks.clear();
    for (const callback of callbacks) callback(i * 16);
  }
}

/** The real chat App in the jsdom page, initialized with `state`; `posted` collects what it sends to the host. */
export function mountApp(state: InitState): { app: App; posted: FromWebview[] } {
  const posted: FromWebview[] = [];
  let n = 0;
  const app = new App(engine, (m) => posted.push(m), () => `r${++n}`);
  window.document.body.replaceChildren(app.el as unknown as Node);
  app.handle({ type: 'init/state', state });
  return { app, posted };
}
