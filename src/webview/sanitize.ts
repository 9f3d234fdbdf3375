// The one sanitizer config for model output. DOMPurify is injected: the webview passes the browser's
// instance, unit tests one bound to a jsdom window.
import type { Config, DOMPurify } from 'dompurify';
import { t } from './strings';

export type Sanitize = (html: string) => string;

export const sanitizeConfig: Config = {
  // Forms and embeds could spoof our own controls or load active content; styles could restyle the panel.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset',
    'object', 'embed', 'link', 'meta', 'base', 'svg', 'math', 'video', 'audio', 'source', 'track', 'dialog', 'template'],
  // `id`/`name` could clobber DOM globals; `style` restyles; `tabindex` hijacks keyboard order.
  FORBID_ATTR: ['style', 'id', 'name', 'tabindex', 'srcset', 'action', 'formaction', 'autofocus', 'target'],
  // http(s), mailto, fragments and relative paths only; `javascript:`, `vbscript:`, `command:` and the like are dropped.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ALLOW_DATA_ATTR: false,
  RETURN_TRUSTED_TYPE: false,
};

export function createSanitizer(purify: DOMPurify): Sanitize {
  // Images from answers keep only data: sources: a relative or remote src would make the panel fetch
  // (the CSP blocks remote hosts, but a relative one resolves to the webview's own origin).
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (node.nodeName === 'IMG' && data.attrName === 'src' && !/^data:image\//i.test(data.attrValue)) data.keepAttr = false;
  });
  // A link whose target was removed (javascript:, command:, …) must not look clickable: it becomes plain
  // text with a tooltip saying why (`a:not([href])` is styled as text; it is not focusable either).
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && !node.hasAttribute('href')) {
      node.setAttribute('class', 'link-removed');
      node.setAttribute('title', t('linkRemoved'));
    }
  });
  return (html) => purify.sanitize(html, sanitizeConfig) as string;
}
