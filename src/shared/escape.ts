// HTML escaping for text put into markup we build (webview pages, markdown code blocks, plain-text fallbacks).
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch]);
}

/** For a double-quoted attribute value: `'` stays as written (a policy's 'none' reads as it is). */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => escapes[ch]);
}
