// The requests part of the GLM status bar item, as pure text: model and state (idle, streaming (n), queued (n),
// limited until hh:mm). No vscode import: strings come through `l10n` (vscode.l10n in the host).

import type { StatusPart } from '../shared/statusPart';
import type { Localizer } from './errorAdvice';
import type { EndpointState } from './scheduler';
import type { LatencySummary } from './schedulerLatency';
import { formatLocalTime } from './schedulerLimits';

export interface RequestStatusInput {
  model: string;
  state: EndpointState;
  now: number;
}

export function requestStatusPart({ model, state, now }: RequestStatusInput, l10n: Localizer): StatusPart {
  const slots = l10n.t('{0} of {1} request slots in use', state.active, state.effectiveLimit);
  const lowered = state.effectiveLimit < state.configuredLimit
    ? ` ${l10n.t('(lowered from {0} after the endpoint reported too many concurrent requests)', state.configuredLimit)}`
    : '';
  if (state.limitedUntil !== undefined) {
    const at = formatLocalTime(state.limitedUntil, now);
    return {
      text: `$(warning) ${model} · ${l10n.t('limited until {0}', at)}`,
      tooltip: l10n.t('GLM usage cap reached{0}: nothing is sent until {1} (local time). Click to send anyway or to see your usage.',
        state.limitedCode ? ` (${state.limitedCode})` : '', at),
      severity: 'warning',
    };
  }
  const parts: string[] = [];
  if (state.active > 0) parts.push(l10n.t('streaming ({0})', state.active));
  if (state.queued > 0) parts.push(l10n.t('queued ({0})', state.queued));
  const icon = state.queued > 0 ? '$(clock) ' : state.active > 0 ? '$(sync~spin) ' : '';
  const tooltip = state.queued > 0
    ? l10n.t('Model {0}: {1} waiting for a free slot; {2}.', model, state.queued, slots)
    : state.active > 0 ? l10n.t('Model {0}: {1}.', model, slots) : l10n.t('Model {0}: idle; up to {1} requests at once.', model, state.effectiveLimit);
  return { text: `${icon}${[model, ...parts].join(' · ')}`, tooltip: tooltip + lowered, severity: 'info' };
}

/** For "Test Connection": latency percentiles of the last requests, the limit in force, a "limited until". */
export function endpointHealth(state: EndpointState, latency: LatencySummary | undefined, now: number, l10n: Localizer): string {
  const parts: string[] = [];
  if (latency) {
    parts.push(l10n.t('Time to first response of the last {0} requests: median {1} ms, p90 {2} ms, p99 {3} ms.',
      latency.count, Math.round(latency.p50), Math.round(latency.p90), Math.round(latency.p99)));
  }
  parts.push(state.effectiveLimit < state.configuredLimit
    ? l10n.t('Up to {0} requests at once (lowered from {1} after concurrency errors).', state.effectiveLimit, state.configuredLimit)
    : l10n.t('Up to {0} requests at once.', state.effectiveLimit));
  if (state.limitedUntil !== undefined) parts.push(l10n.t('Usage cap reached: limited until {0} (local time).', formatLocalTime(state.limitedUntil, now)));
  return parts.join(' ');
}

/** "waiting for a free slot (2 ahead)" as the chat and the editor commands say it. */
export function queuedMessage(ahead: number, l10n: Localizer): string {
  return ahead > 0 ? l10n.t('waiting for a free slot ({0} ahead)…', ahead) : l10n.t('waiting for a free slot…');
}
