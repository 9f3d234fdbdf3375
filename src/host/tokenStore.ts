import * as vscode from 'vscode';

const KEY = 'glm.apiToken';

/** The API token, kept only in VS Code's SecretStorage (OS keychain where available). */
export class TokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.listener = secrets.onDidChange((e) => {
      if (e.key === KEY) this.emitter.fire();
    });
  }

  /** The last token read or written, kept only so the log can redact it. */
  private known: string | undefined;

  async get(): Promise<string | undefined> {
    const value = await this.secrets.get(KEY);
    this.known = value || this.known;
    return value ? value : undefined;
  }

  knownToken(): string | undefined {
    return this.known;
  }

  set(token: string): Thenable<void> {
    this.known = token;
    return this.secrets.store(KEY, token);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(KEY);
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** Why a pasted token is unusable, or undefined when it looks fine. Catches the usual paste accidents. */
export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (token.length === 0) return vscode.l10n.t('The token is empty.');
  if (/^bearer\s/i.test(token)) return vscode.l10n.t('Paste the token without the "Bearer " prefix.');
  if (/\s/.test(token)) return vscode.l10n.t('The token must not contain spaces or line breaks.');
  if (token.length > 4096) return vscode.l10n.t('The token looks too long.');
  return undefined;
}
