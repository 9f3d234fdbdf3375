// Webview entry (bundled to dist/webview.js, iife). Takes the page's localized strings, builds the panel,
// then says `webview/ready`; the host answers with `init/state`.
import DOMPurify from 'dompurify';
import type { ToWebview } from '../shared/protocol';
import { App } from './app';
import { createMarkdownEngine } from './markdown';
import { createSanitizer } from './sanitize';
import { loadPageStrings } from './strings';
import { newRequestId, post } from './vscodeApi';

loadPageStrings(document);
const engine = createMarkdownEngine(createSanitizer(DOMPurify));
const app = new App(engine, post, newRequestId);
document.body.append(app.el);
window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg && typeof msg === 'object' && typeof msg.type === 'string') app.handle(msg);
});
post({ type: 'webview/ready' });
