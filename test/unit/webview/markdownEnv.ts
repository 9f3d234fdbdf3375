// A markdown engine for node tests: the real DOMPurify bound to a jsdom window.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
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

/** For a describe block: jsdom's document and a frame scheduler that never fires, as globals. */
export function useDomGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  before(() => {
    g.document = window.document;
    g.requestAnimationFrame = () => 0;
    g.cancelAnimationFrame = () => undefined;
  });
  after(() => { delete g.document; delete g.requestAnimationFrame; delete g.cancelAnimationFrame; });
}
