// The concurrency limit of a Coding Plan, mocked: above N completion requests at once the server answers 1302
// instead of streaming, and every request records how many were in progress when it arrived.

export interface GateRecord {
  concurrent?: number;
  rejected?: string;
}

export class ConcurrencyGate {
  private active = 0;

  constructor(private defaultLimit?: number) {}

  /** `POST /__mock/concurrency {"max": N}` for tests in another process; 0 or none lifts the limit. */
  setLimit(max: number | undefined): void {
    this.defaultLimit = max && max > 0 ? max : undefined;
  }

  /**
   * Counts the request in and returns the function that counts it out, or undefined when it is one too many
   * (then it is marked rejected). `param` is the scenario's `max-concurrent=N`, which wins over the default.
   */
  admit(record: GateRecord, param?: string): (() => void) | undefined {
    const limit = param !== undefined ? Number(param) : this.defaultLimit;
    record.concurrent = this.active + 1;
    if (limit !== undefined && Number.isFinite(limit) && limit > 0 && this.active >= limit) {
      record.rejected = '1302';
      return undefined;
    }
    this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active--;
    };
  }
}
