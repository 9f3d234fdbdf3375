// Token usage per local day and per model: requests and prompt / completion / reasoning / cached tokens. No
// content, no prompts, no ids: only counts. Bounded: days older than KEEP_DAYS are dropped on every write.

import type { Usage } from './types';

export const KEEP_DAYS = 90;
/** A model id is whatever the server said; keep a hostile one from bloating the stored state. */
const MAX_MODELS_PER_DAY = 20;
const MAX_MODEL_LENGTH = 64;

export interface UsageCounts {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
}

/** What global state keeps: `days["2026-11-26"]["glm-4.7"]`. */
export interface UsageData {
  version: 1;
  days: Record<string, Record<string, UsageCounts>>;
}

export interface UsageSummary {
  total: UsageCounts;
  byModel: Array<{ model: string } & UsageCounts>;
}

export function emptyUsage(): UsageData {
  return { version: 1, days: {} };
}

export function zeroCounts(): UsageCounts {
  return { requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0 };
}

/** Whatever was stored, as valid data (a damaged or foreign value starts over instead of failing). */
export function readUsage(value: unknown): UsageData {
  const data = emptyUsage();
  const days = (value as UsageData | undefined)?.days;
  if (typeof days !== 'object' || days === null) return data;
  for (const [day, models] of Object.entries(days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || typeof models !== 'object' || models === null) continue;
    for (const [model, counts] of Object.entries(models)) {
      if (typeof counts !== 'object' || counts === null) continue;
      const clean = zeroCounts();
      for (const key of Object.keys(clean) as Array<keyof UsageCounts>) clean[key] = count((counts as unknown as Record<string, unknown>)[key]);
      (data.days[day] ??= {})[model.slice(0, MAX_MODEL_LENGTH)] = clean;
    }
  }
  return data;
}

/** Adds one answer's usage to its day and model, and drops the days past the bound. */
export function recordUsage(data: UsageData, model: string, usage: Usage, now: number): void {
  const day = localDay(now);
  const models = (data.days[day] ??= {});
  let name = model.trim().slice(0, MAX_MODEL_LENGTH) || 'unknown';
  if (!models[name] && Object.keys(models).length >= MAX_MODELS_PER_DAY) name = 'other';
  const c = (models[name] ??= zeroCounts());
  c.requests += 1;
  c.promptTokens += count(usage.prompt_tokens);
  c.completionTokens += count(usage.completion_tokens);
  c.reasoningTokens += count(usage.completion_tokens_details?.reasoning_tokens);
  c.cachedTokens += count(usage.prompt_tokens_details?.cached_tokens);
  prune(data, now);
}

export function prune(data: UsageData, now: number): void {
  const oldest = localDay(now - (KEEP_DAYS - 1) * 86_400_000);
  for (const day of Object.keys(data.days)) if (day < oldest) delete data.days[day];
}

/** Totals of the last `days` local days (1: today), per model, largest first. */
export function summarize(data: UsageData, now: number, days: number): UsageSummary {
  const total = zeroCounts();
  const models = new Map<string, UsageCounts>();
  for (const day of lastDays(now, days)) {
    for (const [model, c] of Object.entries(data.days[day] ?? {})) {
      add(total, c);
      let m = models.get(model);
      if (!m) models.set(model, (m = zeroCounts()));
      add(m, c);
    }
  }
  const byModel = [...models].map(([model, c]) => ({ model, ...c })).sort((a, b) => tokens(b) - tokens(a));
  return { total, byModel };
}

/** Prompt + completion tokens of each of the last `days` local days, oldest first (the bar chart). */
export function dailyTokens(data: UsageData, now: number, days: number): Array<{ day: string; tokens: number }> {
  return lastDays(now, days).reverse().map((day) => {
    let n = 0;
    for (const c of Object.values(data.days[day] ?? {})) n += tokens(c);
    return { day, tokens: n };
  });
}

export function tokens(c: UsageCounts): number {
  return c.promptTokens + c.completionTokens;
}

/** Local calendar day as YYYY-MM-DD (a person's "today", not UTC's). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The last `n` local days, today first. Steps by calendar day, so daylight-saving days count once. */
function lastDays(now: number, n: number): string[] {
  const out: string[] = [];
  const d = new Date(now);
  for (let i = 0; i < n; i++) {
    out.push(localDay(d.getTime()));
    d.setDate(d.getDate() - 1);
  }
  return out;
}

function add(into: UsageCounts, c: UsageCounts): void {
  into.requests += c.requests;
  into.promptTokens += c.promptTokens;
  into.completionTokens += c.completionTokens;
  into.reasoningTokens += c.reasoningTokens;
  into.cachedTokens += c.cachedTokens;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
