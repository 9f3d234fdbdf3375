// Latency of the last requests per endpoint (time from being sent to the first response), for "Test
// Connection" and the status quick pick. Bounded: only the most recent samples are kept.

const KEEP = 100;

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class LatencyLog {
  private readonly samples = new Map<string, number[]>();

  record(endpoint: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    let list = this.samples.get(endpoint);
    if (!list) this.samples.set(endpoint, (list = []));
    list.push(ms);
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
  }

  summary(endpoint: string): LatencySummary | undefined {
    const list = this.samples.get(endpoint);
    if (!list || list.length === 0) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1],
    };
  }
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
