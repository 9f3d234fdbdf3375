// highlight.js is a third of the chat's script; it lives in its own bundle (dist/highlight.js) that this
// loads, once, when the first code block needs it, so the first paint of the chat never waits for it.
// The script goes next to the chat's own, with the same CSP nonce.

export type Highlighter = (code: string, lang: string) => { html: string; language?: string };

export const HIGHLIGHT_GLOBAL = 'glmHighlight';
export type HighlightGlobal = { [HIGHLIGHT_GLOBAL]?: Highlighter };

let source: { src: string; nonce: string } | undefined;
let loading: Promise<Highlighter> | undefined;

/** Where dist/highlight.js is: next to `script` (the chat bundle's own tag, read while it runs). */
export function locateHighlighter(script: HTMLScriptElement | null): void {
  if (script?.src) source = { src: script.src.replace(/webview\.js(?=$|[?#])/, 'highlight.js'), nonce: script.nonce ?? '' };
}

/** The highlighter, loading its bundle on the first call; rejects when there is none (code stays plain). */
export function loadHighlighter(): Promise<Highlighter> {
  const loaded = (globalThis as HighlightGlobal)[HIGHLIGHT_GLOBAL];
  if (loaded) return Promise.resolve(loaded);
  loading ??= new Promise<Highlighter>((resolve, reject) => {
    if (!source) return reject(new Error('no highlighter bundle'));
    const script = document.createElement('script');
    script.nonce = source.nonce;
    script.src = source.src;
    script.onload = () => {
      const highlighter = (globalThis as HighlightGlobal)[HIGHLIGHT_GLOBAL];
      if (highlighter) resolve(highlighter); else reject(new Error('highlighter bundle did not load'));
    };
    script.onerror = () => reject(new Error('highlighter bundle did not load'));
    document.head.append(script);
  });
  return loading;
}
