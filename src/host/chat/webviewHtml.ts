import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { localizedUiStrings } from '../../chat/viewModel';
import { escapeAttribute } from '../../shared/escape';
import { htmlPage } from '../../shared/htmlPage';
import { UI_STRINGS_ELEMENT_ID } from '../../shared/protocol';

/** The only folders the chat webview may load from: the built bundle and static media. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The whole policy in one place. Model output is rendered in this page, so: nothing by default, scripts
 * only with this page's nonce (no inline handlers, no eval), styles, images and fonts only from the
 * extension (images also as data: URIs, e.g. highlighted diagrams), no network at all.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = newNonce();
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return htmlPage({
    language: vscode.env.language, csp: contentSecurityPolicy(webview.cspSource, nonce), cssHref: asset('media', 'chat.css'), title,
    body: `<script type="application/json" id="${UI_STRINGS_ELEMENT_ID}">${jsonForScript(localizedUiStrings(vscode.l10n))}</script>
<script nonce="${nonce}" src="${escapeAttribute(asset('dist', 'webview.js'))}"></script>`,
  });
}

/** JSON that cannot end its <script> element early: `<` is escaped, so no `</script>` or `<!--` survives. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

