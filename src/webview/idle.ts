// Work for when the page has nothing else to do (requestIdleCallback, or a timer where there is none).

/** Idle time a pass may take when the browser does not say (no requestIdleCallback). */
const IDLE_SLICE_MS = 8;

export interface Deadline { timeRemaining(): number }

/** Runs `work` when the page is idle, at the latest after a second. */
export function whenIdle(work: (deadline: Deadline) => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(work, { timeout: 1000 });
    return;
  }
  setTimeout(() => {
    const end = performance.now() + IDLE_SLICE_MS;
    work({ timeRemaining: () => end - performance.now() });
  }, 0);
}
