/**
 * Guaranteed teardown for the harness: cleanups run in reverse order on normal completion, on Ctrl+C and
 * on SIGTERM; process groups still alive at exit are SIGKILLed synchronously as a last resort.
 */
type Cleanup = () => unknown;

const cleanups: Cleanup[] = [];
const liveGroups = new Set<number>();
let running: Promise<void> | undefined;
let signalExitCode: number | undefined;

export function onCleanup(fn: Cleanup): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered cleanup once, newest first; concurrent callers share the same run. */
export function runCleanups(): Promise<void> {
  return (running ??= drain().finally(() => (running = undefined)));
}

async function drain(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('[harness] cleanup failed:', err);
    }
  }
}

/** True once a cleanup run or a stop signal has begun: processes ending then are expected. */
export function isStopping(): boolean {
  return running !== undefined || signalExitCode !== undefined;
}

/** Cleans up, then exits: with `code`, or with the signal's code when Ctrl+C / SIGTERM came first. */
export async function exitAfterCleanup(code: number): Promise<never> {
  await runCleanups();
  process.exit(signalExitCode ?? code);
}

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (signalExitCode !== undefined) return;
    signalExitCode = code;
    console.error(`\n[harness] ${signal}: stopping everything…`);
    void exitAfterCleanup(code);
  });
}

process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
