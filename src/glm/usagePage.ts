// The "GLM: Show Usage" page as static HTML: no script at all, styles from the extension, the bar chart as SVG
// shapes (attributes, not inline styles, so the strict policy needs no 'unsafe-inline'). No vscode import.

import { escapeHtml } from '../shared/escape';
import { htmlPage } from '../shared/htmlPage';
import { dailyTokens, summarize, tokens, type UsageCounts, type UsageData } from './usageLedger';

export interface UsagePageStrings {
  title: string;
  today: string;
  last7: string;
  last30: string;
  chart: string;
  perModel: string;
  model: string;
  requests: string;
  prompt: string;
  completion: string;
  reasoning: string;
  cached: string;
  tokens: string;
  empty: string;
  note: string;
}

export interface UsagePageInput {
  data: UsageData;
  now: number;
  strings: UsagePageStrings;
  language: string;
  cspSource: string;
  cssHref: string;
  formatNumber(n: number): string;
}

const CHART_DAYS = 30;
const CHART_W = 600;
const CHART_H = 120;

export function usageHtml(p: UsagePageInput): string {
  const s = p.strings;
  const csp = `default-src 'none'; style-src ${p.cspSource}; img-src ${p.cspSource}`;
  const periods: Array<[string, number]> = [[s.today, 1], [s.last7, 7], [s.last30, CHART_DAYS]];
  const cards = periods.map(([label, days]) => card(p, label, summarize(p.data, p.now, days).total)).join('\n');
  const month = summarize(p.data, p.now, CHART_DAYS);
  const body = month.total.requests === 0 && summarize(p.data, p.now, 1).total.requests === 0
    ? `<p class="empty">${escapeHtml(s.empty)}</p>`
    : `<section class="cards">${cards}</section>
<h2>${escapeHtml(s.chart)}</h2>
${chart(p)}
<h2>${escapeHtml(s.perModel)}</h2>
${modelTable(p, month.byModel)}`;
  return htmlPage({
    language: p.language, csp, cssHref: p.cssHref, title: s.title,
    body: `<h1>${escapeHtml(s.title)}</h1>
${body}
<p class="note">${escapeHtml(s.note)}</p>`,
  });
}

function card(p: UsagePageInput, label: string, c: UsageCounts): string {
  const s = p.strings;
  const n = p.formatNumber;
  return `<div class="card" data-period="${escapeHtml(label)}">
<h2>${escapeHtml(label)}</h2>
<p class="big"><span class="value">${n(tokens(c))}</span> ${escapeHtml(s.tokens)}</p>
<p>${escapeHtml(s.requests)}: ${n(c.requests)}</p>
<p class="detail">${escapeHtml(s.prompt)} ${n(c.promptTokens)} · ${escapeHtml(s.completion)} ${n(c.completionTokens)} · ${escapeHtml(s.reasoning)} ${n(c.reasoningTokens)} · ${escapeHtml(s.cached)} ${n(c.cachedTokens)}</p>
</div>`;
}

function chart(p: UsagePageInput): string {
  const days = dailyTokens(p.data, p.now, CHART_DAYS);
  const max = Math.max(1, ...days.map((d) => d.tokens));
  const slot = CHART_W / days.length;
  const bars = days.map((d, i) => {
    const h = d.tokens === 0 ? 0 : Math.max(2, Math.round((d.tokens / max) * (CHART_H - 4)));
    const x = (i * slot + 1).toFixed(1);
    const label = `${d.day}: ${p.formatNumber(d.tokens)} ${p.strings.tokens}`;
    return `<rect class="bar${i === days.length - 1 ? ' today' : ''}" x="${x}" y="${CHART_H - h}" width="${(slot - 2).toFixed(1)}" height="${h}"><title>${escapeHtml(label)}</title></rect>`;
  });
  return `<svg class="chart" viewBox="0 0 ${CHART_W} ${CHART_H}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(p.strings.chart)}">
<line class="axis" x1="0" y1="${CHART_H - 0.5}" x2="${CHART_W}" y2="${CHART_H - 0.5}"></line>
${bars.join('\n')}
</svg>
<div class="chart-labels"><span>${escapeHtml(days[0].day)}</span><span>${escapeHtml(days[days.length - 1].day)}</span></div>`;
}

function modelTable(p: UsagePageInput, rows: Array<{ model: string } & UsageCounts>): string {
  const s = p.strings;
  const n = p.formatNumber;
  const head = [s.model, s.requests, s.prompt, s.completion, s.reasoning, s.cached].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr><td>${escapeHtml(r.model)}</td><td>${n(r.requests)}</td><td>${n(r.promptTokens)}</td><td>${n(r.completionTokens)}</td><td>${n(r.reasoningTokens)}</td><td>${n(r.cachedTokens)}</td></tr>`);
  return `<table class="models"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

