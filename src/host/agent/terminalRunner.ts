import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import type { CommandResult } from '../../chat/agent/toolExecutor';
import { plainTerminalText } from '../../chat/agent/textLimits';

/** How long a new terminal gets to report shell integration before the command runs in our own pty. */
const SHELL_INTEGRATION_WAIT_MS = 4000;

/**
 * Runs the agent's commands in a VS Code terminal the user can watch: through shell integration (exit code
 * and output from the shell itself), or, when the shell offers none, in an extension pseudoterminal that
 * runs the command as a child process. A timeout or Stop interrupts and closes the terminal.
 */
export class TerminalRunner implements vscode.Disposable {
  private last: vscode.Terminal | undefined;

  async run(command: string, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<CommandResult> {
    this.last?.dispose();
    const name = vscode.l10n.t('GLM Agent');
    const terminal = vscode.window.createTerminal({ name, cwd: vscode.Uri.file(cwd), iconPath: new vscode.ThemeIcon('sparkle'), isTransient: true });
    this.last = terminal;
    terminal.show(true);
    const integration = await waitForShellIntegration(terminal, signal);
    if (!integration) {
      terminal.dispose();
      return this.runInPty(command, cwd, timeoutMs, signal);
    }
    let output = '';
    // A closed terminal (Stop, timeout, the user) ends the command with what it printed so far.
    const closed = new Promise<{ exitCode: undefined; output: string }>((resolve) => {
      const sub = vscode.window.onDidCloseTerminal((t) => {
        if (t !== terminal) return;
        sub.dispose();
        resolve({ exitCode: undefined, output: plainTerminalText(output) });
      });
    });
    return watch(timeoutMs, signal, () => terminal.dispose(), () => Promise.race([closed, (async () => {
      const execution = integration.executeCommand(command);
      const ended = new Promise<number | undefined>((resolve) => {
        const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.execution !== execution) return;
          sub.dispose();
          resolve(e.exitCode);
        });
      });
      for await (const data of execution.read()) output += data;
      return { exitCode: await ended, output: plainTerminalText(output) };
    })()]));
  }

  private runInPty(command: string, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<CommandResult> {
    const write = new vscode.EventEmitter<string>();
    let child: ChildProcess | undefined;
    const kill = (): void => {
      if (child?.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(process.platform === 'win32' ? child.pid : -child.pid);
        } catch {
          child.kill();
        }
      }
    };
    const terminal = vscode.window.createTerminal({
      name: vscode.l10n.t('GLM Agent'), iconPath: new vscode.ThemeIcon('sparkle'), isTransient: true,
      pty: { onDidWrite: write.event, open: () => undefined, close: kill },
    });
    this.last = terminal;
    terminal.show(true);
    return watch(timeoutMs, signal, kill, () => new Promise((resolve) => {
      write.fire(`\x1b[1m$ ${command}\x1b[0m\r\n`);
      child = spawn(command, { cwd, shell: true, detached: process.platform !== 'win32', env: { ...process.env, FORCE_COLOR: '0' } });
      let output = '';
      const onData = (d: Buffer): void => {
        const text = d.toString('utf8');
        output += text;
        write.fire(text.replace(/\r?\n/g, '\r\n'));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('error', (e) => { output += `\n${e.message}`; });
      child.on('close', (code) => {
        write.fire(`\r\n[exit ${String(code)}]\r\n`);
        resolve({ exitCode: code ?? undefined, output: plainTerminalText(output) });
      });
    }));
  }

  dispose(): void {
    this.last?.dispose();
  }
}

async function waitForShellIntegration(terminal: vscode.Terminal, signal?: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return terminal.shellIntegration;
  return new Promise((resolve) => {
    const done = (value: vscode.TerminalShellIntegration | undefined): void => {
      clearTimeout(timer);
      sub.dispose();
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => done(undefined);
    const timer = setTimeout(() => done(undefined), SHELL_INTEGRATION_WAIT_MS);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) done(e.shellIntegration);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `work` with a timeout and Stop: either interrupts through `stop` and still collects what was said. */
async function watch(
  timeoutMs: number, signal: AbortSignal | undefined, stop: () => void,
  work: () => Promise<Omit<CommandResult, 'timedOut'>>,
): Promise<CommandResult> {
  if (signal?.aborted) throw new Error(vscode.l10n.t('Stopped.'));
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; stop(); }, timeoutMs);
  const onAbort = (): void => stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await work();
    return { ...result, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
