// Webview entry (bundled to dist/webview.js, iife). Takes the page's localized strings, builds the panel,
// paints, then says `webview/ready`; the host answers with `init/state`. highlight.js is another bundle, loaded
// when the first code block is shown (lazyHighlight.ts).
import DOMPurify from 'dompurify';
import type { ToWebview } from '../shared/protocol';
import { App } from './app';
import { createMarkdownEngine } from './markdown';
import { locateHighlighter } from './lazyHighlight';
import { createSanitizer } from './sanitize';
import { loadPageStrings } from './strings';
import { newRequestId, post } from './vscodeApi';

locateHighlighter(document.currentScript as HTMLScriptElement | null);
loadPageStrings(document);
const engine = createMarkdownEngine(createSanitizer(DOMPurify));
const app = new App(engine, post, newRequestId);
document.body.append(app.el);
window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg && typeof msg === 'object' && typeof msg.type === 'string') app.handle(msg);
});
// The composer paints first; the chat (init/state, maybe a long history) is asked for after that frame,
// or after a moment in a page that is not painting (hidden: no animation frames).
let ready = false;
const sayReady = (): void => {
  if (!ready) post({ type: 'webview/ready' });
  ready = true;
};
requestAnimationFrame(() => setTimeout(sayReady, 0));
setTimeout(sayReady, 100);
