import * as vscode from 'vscode';
import { scrubUserinfo } from '../glm/errors';

const RECENT_LIMIT = 500;

/**
 * The "GLM" log channel behind a redactor: whatever a caller logs, a bearer header or the token itself never
 * reaches the channel. Keeps the last lines in memory (bounded) so integration tests can check exactly that.
 */
export class RedactingLog implements vscode.Disposable {
  private readonly recentLines: string[] = [];

  constructor(
    readonly channel: vscode.LogOutputChannel,
    private readonly secretsToHide: () => Array<string | undefined>,
  ) {}

  info(message: string): void {
    this.channel.info(this.remember(message));
  }
  warn(message: string): void {
    this.channel.warn(this.remember(message));
  }
  error(message: string): void {
    this.channel.error(this.remember(message));
  }
  debug(message: string): void {
    this.channel.debug(this.remember(message));
  }

  recent(): readonly string[] {
    return this.recentLines;
  }

  private remember(message: string): string {
    const clean = this.redact(message);
    this.recentLines.push(clean);
    if (this.recentLines.length > RECENT_LIMIT) this.recentLines.splice(0, this.recentLines.length - RECENT_LIMIT);
    return clean;
  }

  private redact(message: string): string {
    let out = scrubUserinfo(message).replace(/(bearer\s+)[^\s"',]+/gi, '$1***');
    for (const secret of this.secretsToHide()) {
      if (secret && secret.length >= 4) out = out.split(secret).join('***');
    }
    return out;
  }

  dispose(): void {
    this.channel.dispose();
  }
}
