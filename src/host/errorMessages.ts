import * as vscode from 'vscode';
import { adviseError, errorActionLabel, type ErrorAction, type ErrorDescription } from '../glm/errorAdvice';

export type { ErrorAction, ErrorDescription };

/** The advice for an error, in the UI language. */
export function describeError(err: unknown): ErrorDescription {
  return adviseError(err, vscode.l10n);
}

export function actionLabel(action: ErrorAction): string {
  return errorActionLabel(action, vscode.l10n);
}
