// The web sources of an answer (Zhipu's built-in web search): a list of links under the answer, and the
// answer's `[ref_1]` markers turned into links to them. Links open through the host (link/open), which
// asks VS Code to open them with its external-link confirmation.
import type { WebSourceView } from '../shared/protocol';
import { h } from './dom';
import { t } from './strings';

const MARKER = /\[(ref_\d{1,3})\]/g;

export class SourcesView {
  readonly el: HTMLElement;
  private sources: WebSourceView[] = [];

  constructor() {
    this.el = h('nav', { class: 'web-sources', attrs: { 'aria-label': t('sources') } });
    this.el.hidden = true;
  }

  set(sources: WebSourceView[] | undefined): void {
    this.sources = sources ?? [];
    this.el.hidden = this.sources.length === 0;
    if (!this.sources.length) return this.el.replaceChildren();
    const items = this.sources.map((s, i) => h('li', {},
      h('a', { class: 'web-source', text: s.title, title: s.link, attrs: { href: s.link, 'data-refer': s.refer } }),
      ...(s.media ? [h('span', { class: 'web-source-media', text: ` · ${s.media}` })] : []),
      h('span', { class: 'web-source-index', text: ` [${i + 1}]` })));
    this.el.replaceChildren(h('div', { class: 'web-sources-title', text: t('sources') }), h('ol', {}, ...items));
  }

  /** Replaces `[ref_N]` in the rendered answer (outside code) with a numbered link to that source. */
  linkCitations(root: HTMLElement): void {
    if (!this.sources.length) return;
    const index = new Map(this.sources.map((s, i) => [s.refer, { source: s, n: i + 1 }]));
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const hits: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent?.closest('pre, code, a')) continue;
      MARKER.lastIndex = 0;
      if (MARKER.test(node.nodeValue ?? '')) hits.push(node as Text);
    }
    for (const node of hits) node.replaceWith(...this.split(node.nodeValue ?? '', index));
  }

  private split(text: string, index: Map<string, { source: WebSourceView; n: number }>): Array<Node | string> {
    const out: Array<Node | string> = [];
    let last = 0;
    for (const m of text.matchAll(MARKER)) {
      const hit = index.get(m[1]);
      if (!hit) continue;
      out.push(text.slice(last, m.index));
      out.push(h('a', { class: 'citation', text: `[${hit.n}]`, title: hit.source.title, attrs: { href: hit.source.link } }));
      last = (m.index ?? 0) + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  }
}
