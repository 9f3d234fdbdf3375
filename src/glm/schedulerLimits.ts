// What the scheduler knows about GLM limits: default concurrency per preset, which error codes mean "too many
// at once" and which mean "cap reached until a reset time", and reading and showing that reset time.

import type { GlmError } from './errors';
import type { PresetId } from './presets';

/**
 * Coding Plan subscriptions allow very few requests at once (users report one or two; more answer 1302), so
 * chat, agent and completions share two slots there. Pay-as-you-go Zhipu accounts start at a handful of
 * concurrent requests; gateways and local servers take more. 1302 lowers the effective limit anyway.
 */
const DEFAULT_CONCURRENCY: Readonly<Record<PresetId, number>> = {
  'bigmodel-coding': 2,
  'zai-coding': 2,
  bigmodel: 5,
  zai: 5,
  acedata: 8,
  custom: 8,
  local: 8,
};

export const MAX_CONCURRENCY = 32;

/** Requests are limited per endpoint: its base URL as the client sends to it. */
export function endpointKey(baseUrl: string | undefined): string {
  return (baseUrl ?? '').trim().replace(/\/+$/, '');
}

/** `configured` is `glm.maxConcurrentRequests`: 0 (or unset) means the preset's default. */
export function concurrencyLimit(presetId: PresetId, configured?: number): number {
  if (typeof configured === 'number' && Number.isFinite(configured) && configured >= 1) {
    return Math.min(MAX_CONCURRENCY, Math.floor(configured));
  }
  return DEFAULT_CONCURRENCY[presetId] ?? 4;
}

/** 1302 too many concurrent requests, 1305 traffic limited: wait for a slot, never fail. */
export function isConcurrencyError(error: GlmError): boolean {
  return error.code === '1302' || error.code === '1305';
}

/** 1308 usage cap (5-hour window), 1310 weekly/monthly cap: nothing goes out until the reset time. */
export function isCapError(error: GlmError): boolean {
  return error.code === '1308' || error.code === '1310';
}

/** Zhipu names times in China Standard Time and without a zone, e.g. "reset at 2025-08-03 12:00:00". */
const ZHIPU_OFFSET = '+08:00';
const RESET_PATTERN = /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?/i;
/** A reset further away than this is a misread, not a plan limit (monthly caps reset within ~31 days). */
const MAX_RESET_AHEAD_MS = 32 * 24 * 3600_000;

/** The reset time in a 1308/1310 message as epoch ms; undefined when there is none or it makes no sense. */
export function parseResetTime(message: string | undefined, now: number): number | undefined {
  const m = message ? RESET_PATTERN.exec(message) : null;
  if (!m) return undefined;
  const zone = m[3]?.toUpperCase();
  const offset = !zone ? ZHIPU_OFFSET : zone === 'Z' || zone === 'UTC' || zone === 'GMT' ? 'Z' : normalizeOffset(zone);
  const time = m[2].length === 5 ? `${m[2]}:00` : m[2];
  const ms = Date.parse(`${m[1]}T${time}${offset}`);
  if (Number.isNaN(ms) || ms <= now || ms - now > MAX_RESET_AHEAD_MS) return undefined;
  return ms;
}

function normalizeOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** A local time as a person reads it on a status bar: "14:05" today, "2026-12-03 14:05" on another day. */
export function formatLocalTime(ms: number, now: number): string {
  const at = new Date(ms);
  const hhmm = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const today = new Date(now);
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? hhmm : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${hhmm}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
