// Zhipu's built-in web search: the tool a request adds (`{type: 'web_search', web_search: {...}}`) and the
// sources a response returns in its top-level `web_search` array (title, link, refer: `ref_1`, ...), which
// the answer cites as `[ref_1]`. Only Zhipu's endpoints (and the mock) have the tool; a gateway would
// reject an unknown tool type.

import { getPreset, type PresetId } from './presets';

export interface WebSearchTool {
  type: 'web_search';
  web_search: { enable: true; search_result: true };
}

export const WEB_SEARCH_TOOL: WebSearchTool = { type: 'web_search', web_search: { enable: true, search_result: true } };

/** One source as the answer cites it. */
export interface WebSource {
  /** The citation key, e.g. `ref_1`. */
  refer: string;
  title: string;
  link: string;
  media?: string;
}

const MAX_SOURCES = 50;

export function offersWebSearch(presetId: PresetId | string): boolean {
  const family = getPreset(presetId).family;
  return family === 'zhipu' || family === 'local';
}

/**
 * The sources of a chunk or completion's top-level `web_search`: only http(s) links, text fields trimmed to
 * sane lengths, missing `refer` numbered in order, duplicates (same refer) dropped. Anything else: [].
 */
export function parseWebSources(raw: unknown): WebSource[] {
  if (!Array.isArray(raw)) return [];
  const out: WebSource[] = [];
  const seen = new Set<string>();
  for (const item of raw.slice(0, MAX_SOURCES)) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as Record<string, unknown>;
    const link = typeof r.link === 'string' ? r.link.trim() : '';
    if (!/^https?:\/\/[^\s]+$/i.test(link) || link.length > 4096) continue;
    const refer = typeof r.refer === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(r.refer) ? r.refer : `ref_${out.length + 1}`;
    if (seen.has(refer)) continue;
    seen.add(refer);
    const title = (typeof r.title === 'string' && r.title.trim() ? r.title.trim() : link).slice(0, 300);
    const source: WebSource = { refer, title, link };
    if (typeof r.media === 'string' && r.media.trim()) source.media = r.media.trim().slice(0, 100);
    out.push(source);
  }
  return out;
}
