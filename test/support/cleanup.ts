/**
 * Guaranteed teardown for the harness: cleanups run in reverse order on normal completion, on Ctrl+C and
 * on SIGTERM; process groups still alive at exit are SIGKILLed synchronously as a last resort.
 */
type Cleanup = () => unknown;

const cleanups: Cleanup[] = [];
const liveGroups = new Set<number>();
let signalled = false;

export function onCleanup(fn: Cleanup): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('[harness] cleanup failed:', err);
    }
  }
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
    if (signalled) return;
    signalled = true;
    console.error(`\n[harness] ${signal}: stopping everything…`);
    void runCleanups().finally(() => process.exit(code));
  });
}

process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
