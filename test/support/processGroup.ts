import { spawn } from 'node:child_process';
import { killGroup, onCleanup, trackGroup, untrackGroup } from './cleanup';

export interface ProcessGroup {
  pid: number;
  /** Resolves with the exit code (or signal name) of the group's leader. */
  exited: Promise<number | string>;
  /** The last output of the leader (stdout and stderr), for failure reports. */
  tail(): string;
  /** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
  stop(): Promise<void>;
}

const TAIL_CHARS = 8000;

/** Starts a command as the leader of its own process group, so its children die with it. */
export function spawnGroup(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ProcessGroup {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  trackGroup(pid);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      killGroup(pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      // Extension hosts and watchers outlive the leader unless the group is killed outright.
      killGroup(pid, 'SIGKILL');
      untrackGroup(pid);
      unregister();
    })());
  const unregister = onCleanup(stop);
  return { pid, exited, tail: () => output, stop };
}
