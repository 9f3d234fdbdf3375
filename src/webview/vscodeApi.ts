// The one channel to the host. Every message is typed by the shared protocol.
import type { FromWebview } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function post(message: FromWebview): void {
  api ??= acquireVsCodeApi();
  api.postMessage(message);
}

let counter = 0;
/** Ids the webview picks for its requests, so stream messages and Stop can name them. */
export function newRequestId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}-${counter}`;
}
