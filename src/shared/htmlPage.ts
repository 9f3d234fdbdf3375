// The document every webview page of ours shares: its Content-Security-Policy first, one stylesheet, a title.
import { escapeAttribute, escapeHtml } from './escape';

export interface HtmlPage {
  language: string;
  csp: string;
  cssHref: string;
  title: string;
  /** Markup, already escaped by the caller. */
  body: string;
}

export function htmlPage(p: HtmlPage): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(p.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(p.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(p.cssHref)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
${p.body}
</body>
</html>`;
}
